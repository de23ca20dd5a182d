package dev.jgan.tutorials.classifier;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptionsTest {

    @Test
    void noArgumentsMeanTheBudgetOfTheChapterText() {
        Options o = Options.parse(new String[0]);
        assertEquals(Options.defaults(), o);
        assertTrue(o.runs("digits") && o.runs("fashion"));
        assertTrue(!o.runs("mnist"), "all is what the chapter text quotes; the MNIST CNN only when named");
        assertEquals(Path.of("runs", "04-nn-classifier", "cnn.safetensors"), o.cnnWeights());
    }

    @Test
    void aPartAndFlagsOverrideTheDefaults() {
        Options o = Options.parse(new String[]{"fashion", "--cnn-epochs", "7", "--optimizer", "sgd", "--train", "100",
                "--cnn-weights", "/tmp/c.safetensors"});
        assertTrue(o.runs("fashion"));
        assertTrue(!o.runs("digits"));
        assertEquals(7, o.cnnEpochs());
        assertEquals("sgd", o.optimizer());
        assertEquals(100, o.trainSize());
        assertEquals(Path.of("/tmp/c.safetensors"), o.cnnWeights());
        assertEquals(Options.defaults().mlpEpochs(), o.mlpEpochs());
    }

    @Test
    void theMnistPartTrainsOnlyTheMnistCnn() {
        Options o = Options.parse(new String[]{"mnist", "--mnist-epochs", "4", "--mnist-weights", "/tmp/m.safetensors"});
        assertTrue(o.runs("mnist") && !o.runs("digits") && !o.runs("fashion"));
        assertEquals(4, o.mnistEpochs());
        assertEquals(Path.of("/tmp/m.safetensors"), o.mnistWeights());
    }

    @Test
    void badArgumentsSayWhatIsExpected() {
        assertEquals("04-nn-classifier: the part must be all, digits, fashion or mnist, got 'cifar'",
                assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[]{"cifar"})).getMessage());
        assertEquals("04-nn-classifier: --train must be positive, got 0",
                assertThrows(IllegalArgumentException.class,
                        () -> Options.parse(new String[]{"--train", "0"})).getMessage());
        assertEquals("04-nn-classifier: --batch needs a value",
                assertThrows(IllegalArgumentException.class, () -> Options.parse(new String[]{"--batch"})).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Options.parse(new String[]{"--epochs", "3"})).getMessage().contains("unknown option '--epochs'"));
        assertEquals("04-nn-classifier: --optimizer must be adam or sgd, got 'rmsprop'",
                assertThrows(IllegalArgumentException.class,
                        () -> Options.parse(new String[]{"--optimizer", "rmsprop"})).getMessage());
    }
}
