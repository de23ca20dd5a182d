package dev.jgan.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads MNIST-layout IDX data: a directory with {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte},
 * each plain or gzipped ({@code .gz}). MNIST and Fashion-MNIST share this layout. Images come back
 * as {@code [1, rows, cols]} float32 in [0, 1] (pixel / 255), like torchvision's {@code ToTensor}.
 */
public final class Mnist {
    /** MNIST and Fashion-MNIST both have ten classes. */
    public static final int NUM_CLASSES = 10;

    private Mnist() {
    }

    /** The training set (60 000 images in MNIST) or the test set (10 000) from {@code dir}. */
    public static TensorDataset load(Path dir, boolean train) throws IOException {
        String prefix = train ? "train" : "t10k";
        String imagesName = prefix + "-images-idx3-ubyte";
        String labelsName = prefix + "-labels-idx1-ubyte";
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "not a directory; expected one holding "
                    + imagesName + " and " + labelsName + " (plain or .gz)");
        }
        Path images = find(dir, imagesName);
        Path labels = find(dir, labelsName);
        List<String> missing = new ArrayList<>();
        if (images == null) {
            missing.add(imagesName + "[.gz]");
        }
        if (labels == null) {
            missing.add(labelsName + "[.gz]");
        }
        if (!missing.isEmpty()) {
            throw new NoSuchFileException(dir.toString(), null, "missing " + String.join(", ", missing));
        }
        return load(images, labels, NUM_CLASSES);
    }

    /**
     * Whether {@code dir} holds a test set: either t10k file, plain or gzipped. Either one is
     * enough, so that a test set missing its other half fails in {@link #load(Path, boolean)} with
     * the missing file named, rather than passing for no test set at all.
     */
    public static boolean hasTestSet(Path dir) {
        return find(dir, "t10k-images-idx3-ubyte") != null || find(dir, "t10k-labels-idx1-ubyte") != null;
    }

    /**
     * Any pair of IDX files: images of rank 3 ({@code [count, rows, cols]}) and labels of rank 1
     * with the same count. Labels may be any byte value 0..255.
     */
    public static TensorDataset load(Path imagesFile, Path labelsFile) throws IOException {
        return load(imagesFile, labelsFile, 256);
    }

    private static TensorDataset load(Path imagesFile, Path labelsFile, int numClasses) throws IOException {
        IdxFile images = IdxFile.read(imagesFile, 3);
        IdxFile labels = IdxFile.read(labelsFile, 1);
        int count = images.dims()[0];
        if (images.dims()[1] == 0 || images.dims()[2] == 0) {
            throw new DataFileException(imagesFile, "images of " + images.dims()[1] + "x" + images.dims()[2]
                    + " pixels have no pixels");
        }
        if (labels.dims()[0] != count) {
            throw new DataFileException(labelsFile, labels.dims()[0] + " labels, but " + imagesFile + " has "
                    + count + " images");
        }
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            classes[i] = labels.value(i);
            if (classes[i] >= numClasses) {
                throw new DataFileException(labelsFile, "label " + classes[i] + " of example " + i
                        + " is outside 0.." + (numClasses - 1));
            }
        }
        byte[] file = images.file();
        float[] values = new float[images.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Pixels.unit(file[images.dataOffset() + i]);
        }
        return TensorDataset.wrap(values, new int[] {1, images.dims()[1], images.dims()[2]}, classes);
    }

    /** {@code dir/name}, else {@code dir/name.gz}, else null. */
    private static Path find(Path dir, String name) {
        for (String candidate : new String[] {name, name + ".gz"}) {
            Path file = dir.resolve(candidate);
            if (Files.isRegularFile(file)) {
                return file;
            }
        }
        return null;
    }
}
