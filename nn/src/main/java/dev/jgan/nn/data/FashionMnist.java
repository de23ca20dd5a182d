package dev.jgan.nn.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Fashion-MNIST (Xiao, Rasul and Vollgraf, 2017): 70 000 grey 28x28 pictures of clothing in ten
 * classes, in MNIST's IDX layout. Machines here have no internet, so the default location is
 * where Debian's {@code dataset-fashion-mnist} package installs it.
 */
public final class FashionMnist {
    /** Where {@code apt-get install dataset-fashion-mnist} puts the four IDX files. */
    public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    /** The Debian package that provides {@link #DEFAULT_DIR}. */
    public static final String DEBIAN_PACKAGE = "dataset-fashion-mnist";
    /** Class names by label. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private FashionMnist() {
    }

    /** The training set (60 000 images) or test set (10 000) from {@link #DEFAULT_DIR}: [1, 28, 28] in [0, 1]. */
    public static TensorDataset load(boolean train) throws IOException {
        if (!Files.isDirectory(DEFAULT_DIR)) {
            throw new NoSuchFileException(DEFAULT_DIR.toString(), null, "not found; install the Debian package "
                    + DEBIAN_PACKAGE + " (apt-get install " + DEBIAN_PACKAGE + ") or pass the directory that holds"
                    + " train-images-idx3-ubyte.gz and its siblings to load(dir, train)");
        }
        return load(DEFAULT_DIR, train);
    }

    /** The training or test set from {@code dir}, laid out as MNIST (see {@link Mnist#load(Path, boolean)}). */
    public static TensorDataset load(Path dir, boolean train) throws IOException {
        return Mnist.load(dir, train);
    }
}
