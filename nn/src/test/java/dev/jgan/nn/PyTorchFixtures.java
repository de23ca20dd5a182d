package dev.jgan.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads the fixtures that pytorch/make_nn_fixtures.py computed with torch 1.13. A tensor is
 * {"shape": [...], "data": [...]} in row-major order.
 */
public final class PyTorchFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PyTorchFixtures() {
    }

    public static JsonNode load(String name) {
        try (InputStream in = PyTorchFixtures.class.getResourceAsStream("/pytorch/" + name)) {
            assertNotNull(in, "fixture /pytorch/" + name + " is missing; run pytorch/make_nn_fixtures.py");
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path of a fixture file (for readers that take a file). */
    public static Path path(String name) {
        try {
            return Path.of(PyTorchFixtures.class.getResource("/pytorch/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int[] shape(JsonNode node) {
        int[] shape = new int[node.get("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = node.get("shape").get(i).asInt();
        }
        return shape;
    }

    public static double[] data(JsonNode node) {
        double[] data = new double[node.get("data").size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = node.get("data").get(i).asDouble();
        }
        return data;
    }

    /** A float32 tensor (the dtype every fixture was computed in). */
    public static Tensor tensor(JsonNode node) {
        double[] data = data(node);
        float[] values = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            values[i] = (float) data[i];
        }
        return Tensor.fromArray(values, shape(node));
    }

    public static int[] ints(JsonNode node) {
        int[] out = new int[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = node.get(i).asInt();
        }
        return out;
    }

    /** Same shape and |actual - expected| <= atol + rtol |expected| everywhere, naming the first bad element. */
    public static void assertClose(JsonNode expected, Tensor actual, double rtol, double atol, String what) {
        assertNotNull(actual, what + ": is null");
        assertArrayEquals(shape(expected), actual.shape(), what + ": shape");
        double[] e = data(expected);
        double[] a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= atol + rtol * Math.abs(e[i]))) {
                fail(what + ": element " + i + " of shape " + Shape.format(actual.shape()) + " is " + a[i] + ", PyTorch gives "
                        + e[i] + " (first of " + Arrays.toString(Arrays.copyOf(a, Math.min(a.length, 6))) + "...)");
            }
        }
    }
}
