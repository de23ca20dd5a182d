package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * The normal fill's fast path ({@link FastRandom}) against the reference loop, bit for bit: on
 * sizes that run in one piece and that are split across the cores, at stream offsets past 2^32
 * (the counter's high word), into a contiguous output and into a transposed view (element i in
 * row-major order of the view, as the reference writes it).
 */
class RandomFastPathTest {
    private final CpuBackend fast = new CpuBackend();
    private final CpuBackend reference = CpuBackend.reference();

    @Test
    void normalsHaveTheReferenceBits() {
        for (int[] shape : new int[][]{{1}, {3, 5}, {64, 100}, {257, 129}}) {
            for (long offset : new long[]{0, 12_345, (1L << 32) - 7}) {
                Tensor expected = Tensor.empty(reference, DType.FLOAT32, shape);
                Tensor actual = Tensor.empty(fast, DType.FLOAT32, shape);
                reference.philoxNormal(expected.operand(), 42, offset, 0.5, 2);
                fast.philoxNormal(actual.operand(), 42, offset, 0.5, 2);
                assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(),
                        "normals of shape " + shape.length + "-d " + shape[0] + ", offset " + offset);
            }
        }
    }

    @Test
    void aTransposedViewGetsTheReferenceBitsInItsOwnRowMajorOrder() {
        Tensor expected = Tensor.empty(reference, DType.FLOAT32, 40, 70).t();
        Tensor actual = Tensor.empty(fast, DType.FLOAT32, 40, 70).t();
        reference.philoxNormal(expected.operand(), 7, 99, 0, 1);
        fast.philoxNormal(actual.operand(), 7, 99, 0, 1);
        assertArrayEquals(expected.toFloatArray(), actual.toFloatArray());
    }
}
