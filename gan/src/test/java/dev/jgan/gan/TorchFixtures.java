package dev.jgan.gan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jgan.core.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The PyTorch fixtures that pytorch/make_gan_fixtures.py writes to the test resources' pytorch/ folder. */
public final class TorchFixtures {
    private TorchFixtures() {
    }

    /** The fixture file {@code name}, failing the test with the command that makes it when it is missing. */
    public static JsonNode load(String name) throws IOException {
        try (InputStream in = TorchFixtures.class.getResourceAsStream("/pytorch/" + name)) {
            assertNotNull(in, "fixture /pytorch/" + name + " is missing; run pytorch/make_gan_fixtures.py");
            return new ObjectMapper().readTree(in);
        }
    }

    /** A state dict: name to {"shape", "data"}. */
    public static Map<String, Tensor> tensors(JsonNode node) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), tensor(e.getValue())));
        return out;
    }

    /** {"shape": [...], "data": [...]} as float32; the data are float32 values in shortest form. */
    public static Tensor tensor(JsonNode node) {
        JsonNode data = node.get("data");
        float[] values = new float[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) data.get(i).asDouble();
        }
        int[] shape = new int[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get("shape").get(i).asInt();
        }
        return Tensor.fromArray(values, shape);
    }
}
