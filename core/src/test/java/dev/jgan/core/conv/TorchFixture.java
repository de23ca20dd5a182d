package dev.jgan.core.conv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jgan.core.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of a fixture file written by {@code pytorch/make_conv_fixtures.py}: named float64
 * tensors and parameters. A missing or malformed entry fails with the file and case named.
 */
record TorchFixture(String file, String name, JsonNode params, JsonNode tensors) {

    static List<TorchFixture> load(String file) {
        String resource = "/pytorch/conv/" + file;
        try (InputStream in = TorchFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing; run /usr/bin/python3 pytorch/make_conv_fixtures.py");
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<TorchFixture> cases = new ArrayList<>();
            for (JsonNode c : root.path("cases")) {
                cases.add(new TorchFixture(file, c.path("name").asText(), c.path("params"), c.path("tensors")));
            }
            if (cases.isEmpty()) {
                throw new IllegalStateException(resource + ": no cases");
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": cannot read", e);
        }
    }

    boolean has(String key) {
        return tensors.has(key);
    }

    /** The tensor {@code key} as a fresh float64 leaf. */
    Tensor tensor(String key) {
        JsonNode t = tensors.get(key);
        if (t == null) {
            throw new IllegalStateException(file + " case '" + name + "': no tensor '" + key + "'");
        }
        int[] shape = ints(t.get("shape"), key);
        JsonNode data = t.get("data");
        double[] values = new double[data.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.get(i).asDouble();
        }
        return Tensor.fromArray(values, shape);
    }

    /** An int list parameter, or null if absent. */
    int[] intsParam(String key) {
        JsonNode p = params.get(key);
        return p == null ? null : ints(p, key);
    }

    int intParam(String key) {
        return param(key).asInt();
    }

    double doubleParam(String key) {
        return param(key).asDouble();
    }

    private JsonNode param(String key) {
        JsonNode p = params.get(key);
        if (p == null) {
            throw new IllegalStateException(file + " case '" + name + "': no parameter '" + key + "'");
        }
        return p;
    }

    private int[] ints(JsonNode array, String key) {
        if (array == null || !array.isArray()) {
            throw new IllegalStateException(file + " case '" + name + "': '" + key + "' is not a list of ints");
        }
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    @Override
    public String toString() {
        return file + ": " + name;
    }
}
