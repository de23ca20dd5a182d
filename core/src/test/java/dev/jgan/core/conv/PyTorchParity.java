package dev.jgan.core.conv;

import dev.jgan.core.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** Compares a result with the PyTorch value of a fixture, both float64. */
final class PyTorchParity {
    /** Both sides compute in float64; only summation order differs. */
    private static final double TOLERANCE = 1e-10;

    private PyTorchParity() {
    }

    static void assertClose(TorchFixture f, String key, Tensor actual) {
        Tensor expected = f.tensor(key);
        String where = f + ", " + key;
        assertArrayEquals(expected.shape(), actual.shape(), where + ": shape");
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), TOLERANCE, where);
    }
}
