package dev.jgan.tutorials.classifier;

import dev.jgan.nn.classify.ClassifierWeights;
import dev.jgan.nn.data.FashionMnist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The chapter's promise with a small budget: both kinds of classifier learn far beyond chance
 * (10 %) on both data sets, and the saved CNN is the one that was tested.
 */
class ClassifierChapterTest {

    private static String run(Options options, Map<String, ClassifierChapter.Trained>[] results) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            results[0] = ClassifierChapter.run(out, options);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Without the data set the Fashion-MNIST tests are reported as skipped, never as passed. */
    private static void assumeFashionMnist() {
        assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIR), FashionMnist.DEFAULT_DIR + " is missing: install the"
                + " Debian package " + FashionMnist.DEBIAN_PACKAGE + " to run this test");
    }

    private static double accuracy(Map<String, ClassifierChapter.Trained> results, String name) {
        return results.get(name).last().test().accuracy();
    }

    @Test
    @SuppressWarnings("unchecked")
    void digitsClassifiersLearnInAFewEpochsAndTheCnnIsSaved(@TempDir Path dir) throws IOException {
        Path weights = dir.resolve("digits-cnn.safetensors");
        Options options = Options.parse(new String[]{"digits", "--digits-epochs", "5",
                "--digits-weights", weights.toString()});
        Map<String, ClassifierChapter.Trained>[] results = new Map[1];
        String printed = run(options, results);

        assertEquals(List.of("digits-mlp", "digits-cnn"), List.copyOf(results[0].keySet()));
        assertTrue(accuracy(results[0], "digits-mlp") >= 0.75, printed);
        assertTrue(accuracy(results[0], "digits-cnn") >= 0.80, printed);
        assertEquals(String.format(java.util.Locale.ROOT, "%.4f", accuracy(results[0], "digits-cnn")),
                ClassifierWeights.metadata(weights).get("test_accuracy"));
        assertTrue(printed.contains(String.format(java.util.Locale.ROOT,
                "loaded back, it scores %.2f %% on the same test images", 100 * accuracy(results[0], "digits-cnn"))),
                printed);
    }

    @Test
    @SuppressWarnings("unchecked")
    void fashionClassifiersLearnFromAFewThousandImages(@TempDir Path dir) throws IOException {
        assumeFashionMnist();
        Path weights = dir.resolve("cnn.safetensors");
        Options options = Options.parse(new String[]{"fashion", "--train", "2000", "--test", "1000",
                "--mlp-epochs", "2", "--cnn-epochs", "1", "--cnn-weights", weights.toString()});
        Map<String, ClassifierChapter.Trained>[] results = new Map[1];
        String printed = run(options, results);

        assertTrue(printed.contains("== Fashion-MNIST: 2000 training and 1000 test images"), printed);
        assertTrue(accuracy(results[0], "fashion-mlp") >= 0.70, printed);
        assertTrue(accuracy(results[0], "fashion-cnn") >= 0.55, printed);
        assertTrue(printed.contains("per-class test accuracy of fashion-cnn:"), printed);
        assertEquals("fashion-cnn", ClassifierWeights.load(weights).name());
    }

    @Test
    @SuppressWarnings("unchecked")
    void zeroEpochsLeaveAModelOutSoTheTwoCanRunApart(@TempDir Path dir) throws IOException {
        assumeFashionMnist();
        Path weights = dir.resolve("cnn.safetensors");
        Map<String, ClassifierChapter.Trained>[] results = new Map[1];
        String printed = run(Options.parse(new String[]{"fashion", "--train", "128", "--test", "100", "--mlp-epochs",
                "1", "--cnn-epochs", "0", "--cnn-weights", weights.toString()}), results);

        assertEquals(List.of("fashion-mlp"), List.copyOf(results[0].keySet()));
        assertFalse(printed.contains("fashion-cnn"), printed);
        assertTrue(Files.notExists(weights), "a CNN left out must not be saved");

        run(Options.parse(new String[]{"fashion", "--train", "128", "--test", "100", "--mlp-epochs", "0",
                "--cnn-epochs", "1", "--cnn-weights", weights.toString()}), results);
        assertEquals(List.of("fashion-cnn"), List.copyOf(results[0].keySet()));
        assertTrue(Files.exists(weights));
    }
}
