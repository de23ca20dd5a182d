package dev.jgan.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 in its binary version (Krizhevsky, 2009): {@code data_batch_1.bin} to
 * {@code data_batch_5.bin} for training and {@code test_batch.bin} for testing, each a run of
 * 3073-byte records: one label byte 0..9, then a 32x32 colour image as 1024 red, 1024 green and
 * 1024 blue bytes, each plane row-major. That is already the {@code [3, 32, 32]} layout of a
 * tensor, so images come back as [3, 32, 32] float32 in [0, 1] (pixel / 255).
 */
public final class Cifar10 {
    public static final int CHANNELS = 3;
    public static final int SIDE = 32;
    public static final int NUM_CLASSES = 10;
    /** Bytes per record: the label byte and the image. */
    public static final int RECORD_BYTES = 1 + CHANNELS * SIDE * SIDE;
    private static final String TEST_BATCH = "test_batch.bin";
    /** Class names by label. */
    public static final List<String> CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");

    private Cifar10() {
    }

    /** Whether {@code dir} holds the test batch. */
    public static boolean hasTestSet(Path dir) {
        return Files.isRegularFile(dir.resolve(TEST_BATCH));
    }

    /** The training set (the five data batches, in order) or the test batch, from {@code dir}. */
    public static TensorDataset load(Path dir, boolean train) throws IOException {
        List<String> names = new ArrayList<>();
        if (train) {
            for (int i = 1; i <= 5; i++) {
                names.add("data_batch_" + i + ".bin");
            }
        } else {
            names.add(TEST_BATCH);
        }
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory; expected one holding "
                    + String.join(", ", names));
        }
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new NoSuchFileException(dir.toString(), null, "missing " + String.join(", ", missing));
        }
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            files.add(dir.resolve(name));
        }
        return read(files);
    }

    /** The records of these batch files, one after the other. */
    public static TensorDataset read(List<Path> files) throws IOException {
        List<byte[]> contents = new ArrayList<>();
        int total = 0;
        for (Path file : files) {
            byte[] bytes = FileBytes.read(file);
            checkSize(file, bytes.length);
            contents.add(bytes);
            total = Math.addExact(total, bytes.length / RECORD_BYTES);
        }
        int imageNumel = RECORD_BYTES - 1;
        float[] images = new float[Math.multiplyExact(total, imageNumel)];
        int[] labels = new int[total];
        int example = 0;
        for (int f = 0; f < files.size(); f++) {
            byte[] bytes = contents.get(f);
            for (int record = 0; record < bytes.length / RECORD_BYTES; record++, example++) {
                int at = record * RECORD_BYTES;
                labels[example] = bytes[at] & 0xFF;
                if (labels[example] >= NUM_CLASSES) {
                    throw new DataFileException(files.get(f), "record " + record + " has label " + labels[example]
                            + ", expected 0.." + (NUM_CLASSES - 1));
                }
                int out = example * imageNumel;
                for (int i = 0; i < imageNumel; i++) {
                    images[out + i] = Pixels.unit(bytes[at + 1 + i]);
                }
            }
        }
        return TensorDataset.wrap(images, new int[] {CHANNELS, SIDE, SIDE}, labels);
    }

    private static void checkSize(Path file, int length) throws DataFileException {
        if (length == 0) {
            throw new DataFileException(file, "empty; a CIFAR-10 batch holds records of " + RECORD_BYTES + " bytes");
        }
        if (length % RECORD_BYTES != 0) {
            throw new DataFileException(file, "wrong size " + length + " bytes: " + length / RECORD_BYTES
                    + " whole records of " + RECORD_BYTES + " bytes, then a truncated record of "
                    + length % RECORD_BYTES + " bytes");
        }
    }
}
