package dev.jgan.nn.io;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Linear;
import dev.jgan.nn.Module;
import dev.jgan.nn.Sequential;
import dev.jgan.nn.Tanh;
import dev.jgan.nn.optim.Adam;
import dev.jgan.nn.optim.Optimizer;
import dev.jgan.nn.optim.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Sequential model(long seed) {
        Generator gen = new Generator(seed);
        return new Sequential(new Linear(3, 5, gen), new Tanh(), new Linear(5, 1, gen));
    }

    private static void train(Module model, Optimizer opt, int steps, long seed) {
        Generator gen = new Generator(seed);
        for (int i = 0; i < steps; i++) {
            opt.zeroGrad();
            model.forward(Tensor.randn(gen, 8, 3)).sub(1.0).pow(2.0).mean().backward();
            opt.step();
        }
    }

    @Test
    void savedTrainingResumesExactlyWhereItStopped() throws IOException {
        Sequential straight = model(1);
        Adam straightOpt = new Adam(straight.parameters(), 0.01, 0.5, 0.999);
        train(straight, straightOpt, 4, 20);
        train(straight, straightOpt, 3, 21);

        Sequential first = model(1);
        Adam firstOpt = new Adam(first.parameters(), 0.01, 0.5, 0.999);
        train(first, firstOpt, 4, 20);
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, first, firstOpt);

        Sequential resumed = model(2);
        Adam resumedOpt = new Adam(resumed.parameters(), 0.5);
        Checkpoint.load(file, resumed, resumedOpt);
        assertEquals(0.01, resumedOpt.lr());
        train(resumed, resumedOpt, 3, 21);
        for (int i = 0; i < straight.parameters().size(); i++) {
            assertArrayEquals(straight.parameters().get(i).toDoubleArray(), resumed.parameters().get(i).toDoubleArray());
        }
    }

    @Test
    void fileUsesPrefixedKeysAndStepCountsInMetadata() throws IOException {
        Sequential m = model(1);
        Adam opt = new Adam(m.parameters(), 0.001);
        train(m, opt, 2, 3);
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, m, opt);
        SafeTensorsFile contents = SafeTensorsReader.read(file);
        assertEquals(List.of("model.0.weight", "model.0.bias", "model.2.weight", "model.2.bias",
                        "optimizer.state.0.exp_avg", "optimizer.state.0.exp_avg_sq", "optimizer.state.1.exp_avg",
                        "optimizer.state.1.exp_avg_sq", "optimizer.state.2.exp_avg", "optimizer.state.2.exp_avg_sq",
                        "optimizer.state.3.exp_avg", "optimizer.state.3.exp_avg_sq"),
                List.copyOf(contents.tensors().keySet()));
        assertEquals("2", contents.metadata().get("optimizer.state.3.step"));
        assertEquals("0.001", contents.metadata().get("optimizer.lr"));
        assertEquals("Adam", contents.metadata().get("optimizer.type"));
    }

    @Test
    void aGanCheckpointHoldsTwoModelsTwoOptimizersAndUserMetadata() throws IOException {
        Sequential g = model(1);
        Sequential d = model(2);
        Adam optG = new Adam(g.parameters(), 2e-4, 0.5, 0.999);
        SGD optD = new SGD(d.parameters(), 0.1, 0.9);
        train(g, optG, 1, 4);
        train(d, optD, 2, 5);
        Path file = dir.resolve("gan.safetensors");
        Checkpoint.save(file, Map.of("generator", g, "discriminator", d), Map.of("optG", optG, "optD", optD),
                Map.of("epoch", "7", "seed", "42"));

        Sequential g2 = model(3);
        Sequential d2 = model(4);
        Adam optG2 = new Adam(g2.parameters(), 1);
        SGD optD2 = new SGD(d2.parameters(), 1, 0.9);
        Map<String, String> meta = Checkpoint.load(file, Map.of("generator", g2, "discriminator", d2),
                Map.of("optG", optG2, "optD", optD2));
        assertEquals(Map.of("epoch", "7", "seed", "42"), meta);
        assertArrayEquals(g.parameters().get(0).toDoubleArray(), g2.parameters().get(0).toDoubleArray());
        assertArrayEquals(d.parameters().get(3).toDoubleArray(), d2.parameters().get(3).toDoubleArray());
        assertEquals(optD.stateDict().metadata(), optD2.stateDict().metadata());
        assertArrayEquals(optG.stateDict().tensors().get("state.1.exp_avg_sq").toDoubleArray(),
                optG2.stateDict().tensors().get("state.1.exp_avg_sq").toDoubleArray());
    }

    @Test
    void loadingIntoADifferentModelNamesTheFileAndTheKey() throws IOException {
        Sequential m = model(1);
        Adam opt = new Adam(m.parameters(), 0.01);
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, m, opt);
        Sequential other = new Sequential(new Linear(3, 4, new Generator(0)), new Tanh(), new Linear(4, 1, new Generator(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file, other, new Adam(other.parameters(), 0.01)));
        assertEquals(file + ": loadStateDict into Sequential: size mismatch for 0.weight: the state dict has shape [5, 3],"
                + " this module has [4, 3]; size mismatch for 0.bias: the state dict has shape [5], this module has [4];"
                + " size mismatch for 2.weight: the state dict has shape [1, 5], this module has [1, 4]", e.getMessage());
    }

    @Test
    void tensorsOfNoComponentAreRefused() throws IOException {
        Sequential m = model(1);
        Path file = dir.resolve("ckpt.safetensors");
        Checkpoint.save(file, Map.of("model", m), Map.of(), Map.of());
        Map<String, Module> renamed = new LinkedHashMap<>();
        renamed.put("generator", model(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.load(file, renamed, Map.of()));
        assertEquals(file + ": tensors [model.0.weight, model.0.bias, model.2.weight, model.2.bias] belong to none of the"
                + " components [generator] []", e.getMessage());
    }

    @Test
    void userMetadataMayNotHideInsideAComponent() {
        Sequential m = model(1);
        Path file = dir.resolve("ckpt.safetensors");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(file, Map.of("model", m), Map.of(), Map.of("model.epoch", "3")));
        assertEquals(file + ": metadata key 'model.epoch' would be read back as part of 'model'; choose a key outside the"
                + " component names", e.getMessage());
        IllegalArgumentException names = assertThrows(IllegalArgumentException.class,
                () -> Checkpoint.save(file, Map.of("a.b", m), Map.of(), Map.of()));
        assertTrue(names.getMessage().contains("component name 'a.b' must be non-empty and contain no '.'"), names.getMessage());
    }

    @Test
    void aCorruptCheckpointIsAnIOExceptionNamingTheFile() throws IOException {
        Path file = dir.resolve("ckpt.safetensors");
        java.nio.file.Files.writeString(file, "{}");
        Sequential m = model(1);
        IOException e = assertThrows(IOException.class, () -> Checkpoint.load(file, m, new SGD(m.parameters(), 0.1)));
        assertTrue(e.getMessage().startsWith(file + ": truncated"), e.getMessage());
    }
}
