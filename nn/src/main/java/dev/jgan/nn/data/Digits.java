package dev.jgan.nn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The embedded default data set: 1797 handwritten digits of 8x8 pixels from the UCI "Optical
 * Recognition of Handwritten Digits" (Alpaydin and Kaynak, 1998, CC BY 4.0; see
 * {@code digits-ATTRIBUTION.txt} beside the data). Small enough to ship in the jar, so every
 * tutorial and test can train on real images without any download.
 *
 * <p>The resource is scikit-learn's {@code digits.csv.gz}: one image per line, 64 pixel counts
 * 0..16 in row-major order, then the digit.
 */
public final class Digits {
    public static final int SIZE = 1797;
    public static final int SIDE = 8;
    public static final int NUM_CLASSES = 10;
    /** The largest pixel value: each pixel counts the set pixels of a 4x4 block. */
    public static final int MAX_VALUE = 16;
    static final String RESOURCE = "digits.csv.gz";

    private Digits() {
    }

    /** All 1797 digits as images [1, 8, 8] in [0, 1] (value / 16) with labels 0..9. */
    public static TensorDataset load() {
        try (InputStream raw = Digits.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("Digits: class-path resource " + Digits.class.getPackageName()
                        .replace('.', '/') + "/" + RESOURCE + " is missing from the build");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw),
                    StandardCharsets.US_ASCII))) {
                return parse(reader, RESOURCE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Digits: cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Parses the csv; {@code source} names it in errors. */
    static TensorDataset parse(BufferedReader reader, String source) throws IOException {
        int pixels = SIDE * SIDE;
        float[] images = new float[SIZE * pixels];
        int[] labels = new int[SIZE];
        int count = 0;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            int lineNumber = count + 1;
            if (count == SIZE) {
                throw new IOException(source + " line " + lineNumber + ": more than the expected " + SIZE + " lines");
            }
            String[] fields = line.split(",", -1);
            if (fields.length != pixels + 1) {
                throw new IOException(source + " line " + lineNumber + ": " + fields.length + " values, expected "
                        + (pixels + 1) + " (64 pixels and a label)");
            }
            for (int i = 0; i < pixels; i++) {
                int value = parseInt(fields[i], 0, MAX_VALUE, source, lineNumber, "pixel " + i);
                images[count * pixels + i] = value / (float) MAX_VALUE;
            }
            labels[count] = parseInt(fields[pixels], 0, NUM_CLASSES - 1, source, lineNumber, "label");
            count++;
        }
        if (count != SIZE) {
            throw new IOException(source + ": " + count + " lines, expected " + SIZE);
        }
        return TensorDataset.wrap(images, new int[] {1, SIDE, SIDE}, labels);
    }

    private static int parseInt(String field, int min, int max, String source, int line, String what)
            throws IOException {
        int value;
        try {
            value = Integer.parseInt(field.trim());
        } catch (NumberFormatException e) {
            throw new IOException(source + " line " + line + ": " + what + " '" + field + "' is not an integer", e);
        }
        if (value < min || value > max) {
            throw new IOException(source + " line " + line + ": " + what + " " + value + " is outside " + min + ".."
                    + max);
        }
        return value;
    }
}
