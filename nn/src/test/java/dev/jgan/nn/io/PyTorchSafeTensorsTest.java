package dev.jgan.nn.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.LeakyReLU;
import dev.jgan.nn.Linear;
import dev.jgan.nn.PyTorchFixtures;
import dev.jgan.nn.Sequential;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.jgan.nn.PyTorchFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Weight files in both directions. PyTorch to us: a file written by make_nn_fixtures.py is
 * read and its model runs here with PyTorch's output. Us to PyTorch: this test writes
 * nn/target/pytorch/jgan_written.safetensors, which {@code pytorch/check_safetensors.py} reads
 * with torch and checks (see pytorch/README.md).
 */
class PyTorchSafeTensorsTest {
    /** Where check_safetensors.py looks by default (relative to the nn module, Maven's working dir). */
    static final Path JGAN_WRITTEN = Path.of("target", "pytorch", "jgan_written.safetensors");

    private static Sequential model(long seed) {
        Generator gen = new Generator(seed);
        return new Sequential(new Linear(3, 4, gen), new LeakyReLU(0.2), new Linear(4, 2, gen));
    }

    @Test
    void readsTheFileTorchWroteAndRunsItsModel() throws IOException {
        JsonNode expected = PyTorchFixtures.load("torch_written.json");
        SafeTensorsFile file = SafeTensorsReader.read(PyTorchFixtures.path("torch_written.safetensors"));
        assertEquals(List.copyOf(iterable(expected.get("tensors"))).stream().sorted().toList(),
                file.tensors().keySet().stream().sorted().toList());
        expected.get("tensors").fields().forEachRemaining(e -> {
            Tensor t = file.tensors().get(e.getKey());
            assertEquals(e.getValue().get("dtype").asText().equals("F64") ? DType.FLOAT64 : DType.FLOAT32, t.dtype(), e.getKey());
            assertArrayEquals(PyTorchFixtures.data(e.getValue()), t.toDoubleArray(), e.getKey() + " bit for bit");
        });
        assertEquals("pt", file.metadata().get("format"));
        assertEquals(expected.get("metadata").size(), file.metadata().size());

        Map<String, Tensor> modelState = new LinkedHashMap<>();
        file.tensors().forEach((key, t) -> {
            if (key.startsWith("model.")) {
                modelState.put(key.substring("model.".length()), t);
            }
        });
        Sequential model = model(0);
        model.loadStateDict(modelState, true);
        assertClose(expected.get("output"), model.forward(PyTorchFixtures.tensor(expected.get("input"))), 1e-5, 1e-6,
                "forward with PyTorch's weights");
    }

    private static List<String> iterable(JsonNode object) {
        List<String> names = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The file check_safetensors.py verifies; its values are rebuilt there from the same formulas. */
    @Test
    void writesAFileForPyTorchsChecker() throws IOException {
        Sequential model = model(7);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((key, t) -> tensors.put("model." + key, t));
        Tensor input = Tensor.randn(new Generator(8), 5, 3);
        tensors.put("check.input", input);
        tensors.put("check.output", model.forward(input));
        double[] f64 = new double[6];
        for (int i = 0; i < f64.length; i++) {
            f64[i] = (i - 2.5) / 3;
        }
        tensors.put("values.f64", Tensor.fromArray(f64, 2, 3));
        tensors.put("values.scalar", Tensor.scalar(2.5));
        tensors.put("values.empty", Tensor.zeros(0, 4));
        Map<String, String> metadata = Map.of("written_by", "jgan", "note", "ünïcode");
        Files.createDirectories(JGAN_WRITTEN.getParent());
        SafeTensorsWriter.write(JGAN_WRITTEN, tensors, metadata);

        SafeTensorsFile back = SafeTensorsReader.read(JGAN_WRITTEN);
        assertEquals(List.copyOf(tensors.keySet()), List.copyOf(back.tensors().keySet()));
        tensors.forEach((key, t) -> assertArrayEquals(t.toDoubleArray(), back.tensors().get(key).toDoubleArray(), key));
        assertEquals(metadata, back.metadata());
    }
}
