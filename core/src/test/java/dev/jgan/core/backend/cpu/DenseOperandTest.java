package dev.jgan.core.backend.cpu;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.cpu.DenseOperand.Kind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The broadcast patterns of GAN layers are read in place, not packed: the comparison tests
 * would pass either way, so this pins down that the fast segments are the ones that run.
 */
class DenseOperandTest {

    @Test
    void contiguousOperandIsReadInPlace() {
        Tensor x = Tensor.zeros(5, 64, 7).narrow(0, 2, 1);
        DenseOperand d = DenseOperand.of(x.operand());
        assertEquals(Kind.CONTIGUOUS, d.kind());
        assertSame(data(x), d.data());
        assertEquals(2 * 64 * 7, d.offset());
    }

    @Test
    void biasOverBatchIsARow() {
        Tensor bias = Tensor.zeros(784);
        DenseOperand d = DenseOperand.of(bias.expand(64, 784).operand());
        assertEquals(Kind.ROW, d.kind());
        assertEquals(784, d.period());
        assertSame(data(bias), d.data());
        // An image bias [C, H, W] over a batch [B, C, H, W] is one row of C*H*W.
        assertEquals(new DenseOperand(Kind.ROW, data(bias), 0, 784),
                DenseOperand.of(bias.reshape(1, 28, 28).expand(8, 1, 28, 28).operand()));
    }

    @Test
    void perRowValueIsAColumn() {
        Tensor column = Tensor.zeros(64, 1);
        DenseOperand d = DenseOperand.of(column.expand(64, 1024).operand());
        assertEquals(new DenseOperand(Kind.COLUMN, data(column), 0, 1024), d);
        // Per-sample, per-channel values [B, C, 1, 1] over [B, C, H, W].
        Tensor perChannel = Tensor.zeros(2, 3, 1, 1);
        assertEquals(new DenseOperand(Kind.COLUMN, data(perChannel), 0, 20),
                DenseOperand.of(perChannel.expand(2, 3, 4, 5).operand()));
    }

    /** No blocks (period 0): a scalar pairs with any other layout in one long segment. */
    @Test
    void oneElementIsAScalar() {
        Tensor one = Tensor.scalar(3);
        assertEquals(new DenseOperand(Kind.SCALAR, data(one), 0, 0), DenseOperand.of(one.expand(64, 1024).operand()));
    }

    @Test
    void otherLayoutsArePacked() {
        Tensor x = Tensor.zeros(64, 32);
        DenseOperand transposed = DenseOperand.of(x.t().operand());
        assertEquals(Kind.CONTIGUOUS, transposed.kind());
        assertNotSame(data(x), transposed.data());
        // Every element repeated and the whole broadcast again, but not as one block of each: packed.
        Tensor mixed = Tensor.zeros(3, 1, 5);
        assertEquals(Kind.CONTIGUOUS, DenseOperand.of(mixed.expand(2, 3, 4, 5).operand()).kind());
    }

    /** Batch norm's per-channel statistics [1, C, 1, 1] over [N, C, H, W]: read in place, no copy. */
    @Test
    void perChannelValueOverABatchIsAChannel() {
        Tensor perChannel = Tensor.zeros(1, 3, 1, 1);
        assertEquals(new DenseOperand(Kind.CHANNEL, data(perChannel), 0, 20, 3),
                DenseOperand.of(perChannel.expand(2, 3, 4, 5).operand()));
        DenseOperand d = DenseOperand.of(perChannel.expand(2, 3, 4, 5).operand());
        // Output element 87 (image 1, channel 1, pixel 7) lies in block 4, which is channel 4 % 3 = 1.
        assertEquals(1, d.start((60 + 20 + 7) / 20, 7, 60 + 20 + 7));
    }

    /** Short planes (batch norm on 4x4 maps): the channel's values written out as one row over an image. */
    @Test
    void shortChannelRunsAreWidenedIntoARow() {
        Tensor perChannel = Tensor.fromArray(new float[]{1, 2, 3}, 1, 3, 1, 1);
        DenseOperand widened = DenseOperand.of(perChannel.expand(2, 3, 4, 4).operand()).widened();
        assertEquals(Kind.ROW, widened.kind());
        assertEquals(48, widened.period());
        for (int i = 0; i < 2 * 48; i++) {
            float expected = 1 + (i / 16) % 3;
            assertEquals(expected, widened.data()[widened.start(i / 48, i % 48, i)], "output element " + i);
        }
    }

    @Test
    void longChannelRunsAndLongCyclesStayChannels() {
        int longPlane = DenseOperand.SHORT_RUN;
        Tensor perChannel = Tensor.zeros(1, 3, 1, 1);
        DenseOperand plane = DenseOperand.of(perChannel.expand(2, 3, longPlane, 1).operand());
        assertSame(plane, plane.widened());
        int manyChannels = DenseOperand.MAX_WIDENED_ROW / 16 + 1;
        DenseOperand cycle = DenseOperand.of(Tensor.zeros(1, manyChannels, 1, 1).expand(2, manyChannels, 4, 4).operand());
        assertEquals(Kind.CHANNEL, cycle.kind());
        assertSame(cycle, cycle.widened());
        DenseOperand row = DenseOperand.of(Tensor.zeros(5).expand(4, 5).operand());
        assertSame(row, row.widened());
    }

    private static float[] data(Tensor t) {
        return ((CpuStorage.Floats) t.storage()).data();
    }
}
