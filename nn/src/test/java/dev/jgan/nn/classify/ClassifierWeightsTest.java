package dev.jgan.nn.classify;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.io.SafeTensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassifierWeightsTest {
    @TempDir
    Path dir;

    @Test
    void aSavedClassifierLoadsBackAsTheSameFunction() throws IOException {
        Classifier model = Architecture.DIGITS_CNN.create(new Generator(11));
        Path file = dir.resolve("sub").resolve("digits.safetensors");
        ClassifierWeights.save(file, model, Map.of("test_accuracy", "0.5"));

        Classifier loaded = ClassifierWeights.load(file);
        assertEquals("digits-cnn", loaded.name());
        assertFalse(loaded.isTraining());
        model.eval();
        Tensor images = Tensor.rand(new Generator(12), 3, 1, 8, 8);
        assertArrayEquals(model.forward(images).toFloatArray(), loaded.forward(images).toFloatArray());
        Map<String, String> meta = ClassifierWeights.metadata(file);
        assertEquals("digits-cnn", meta.get(ClassifierWeights.ARCHITECTURE));
        assertEquals("0.5", meta.get("test_accuracy"));
    }

    @Test
    void filesThatDoNotSayOrFitTheirArchitectureAreRejected() throws IOException {
        Classifier mlp = Architecture.DIGITS_MLP.create(new Generator(0));
        Path bare = dir.resolve("bare.safetensors");
        SafeTensorsWriter.write(bare, mlp.stateDict());
        IOException noName = assertThrows(IOException.class, () -> ClassifierWeights.load(bare));
        assertTrue(noName.getMessage().startsWith(bare + ": no 'architecture'"), noName.getMessage());

        Path wrong = dir.resolve("wrong.safetensors");
        SafeTensorsWriter.write(wrong, mlp.stateDict(), Map.of(ClassifierWeights.ARCHITECTURE, "digits-cnn"));
        IOException mismatch = assertThrows(IOException.class, () -> ClassifierWeights.load(wrong));
        assertTrue(mismatch.getMessage().startsWith(wrong + ": loadStateDict"), mismatch.getMessage());

        Path unknown = dir.resolve("unknown.safetensors");
        SafeTensorsWriter.write(unknown, mlp.stateDict(), Map.of(ClassifierWeights.ARCHITECTURE, "vgg"));
        IOException unknownName = assertThrows(IOException.class, () -> ClassifierWeights.load(unknown));
        assertTrue(unknownName.getMessage().contains("'vgg'"), unknownName.getMessage());

        assertThrows(IllegalArgumentException.class, () -> ClassifierWeights.save(dir.resolve("x.safetensors"), mlp,
                Map.of(ClassifierWeights.ARCHITECTURE, "digits-cnn")));
        Classifier custom = Classifiers.mlp("custom", new int[]{4}, 2, new Generator(0), 3);
        IllegalArgumentException anonymous = assertThrows(IllegalArgumentException.class,
                () -> ClassifierWeights.save(dir.resolve("c.safetensors"), custom, Map.of()));
        assertTrue(anonymous.getMessage().contains("cannot save classifier 'custom': no classifier architecture named"),
                anonymous.getMessage());
    }
}
