package dev.jgan.cuda;

import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CollapsedLayoutTest {

    @Test
    void aContiguousTensorOfAnyShapeIsOneDim() {
        Tensor t = Tensor.zeros(2, 3, 4);
        CollapsedLayout layout = CollapsedLayout.of("test", t.shape(), t.operand());
        assertArrayEquals(new int[]{24}, layout.sizes());
        assertArrayEquals(new int[]{1}, layout.strides(0));
    }

    @Test
    void aTransposeKeepsTwoDimsAndOneContiguousOperandDoesNotMergeThem() {
        Tensor a = Tensor.zeros(3, 4).t();
        Tensor out = Tensor.zeros(4, 3);
        CollapsedLayout layout = CollapsedLayout.of("test", out.shape(), a.operand(), out.operand());
        assertArrayEquals(new int[]{4, 3}, layout.sizes());
        assertArrayEquals(new int[]{1, 4}, layout.strides(0));
        assertArrayEquals(new int[]{3, 1}, layout.strides(1));
    }

    @Test
    void sizeOneDimsVanishAndBroadcastDimsMergeWithEachOther() {
        Tensor b = Tensor.zeros(5).expand(2, 3, 5).unsqueeze(1);
        CollapsedLayout layout = CollapsedLayout.of("test", b.shape(), b.operand());
        assertArrayEquals(new int[]{6, 5}, layout.sizes());
        assertArrayEquals(new int[]{0, 1}, layout.strides(0));
    }

    @Test
    void positionsFollowRowMajorOrderWithTheOffset() {
        Tensor base = Tensor.zeros(4, 6);
        Tensor view = base.narrow(1, 2, 3).narrow(0, 1, 2);
        CollapsedLayout layout = CollapsedLayout.of("test", view.shape(), view.operand());
        assertEquals(8, view.offset());
        assertArrayEquals(new int[]{8, 9, 10, 14, 15, 16}, layout.positions(0));
    }

    @Test
    void moreThanEightDimsThatCannotMergeAreRefusedNamingTheOp() {
        int[] shape = new int[9];
        int[] strides = new int[9];
        for (int d = 0; d < 9; d++) {
            shape[d] = 2;
            strides[d] = (int) Math.pow(3, 8 - d);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CollapsedLayout.of("binary ADD", shape, new int[][]{strides}, new int[]{0}));
        assertTrue(e.getMessage().startsWith("binary ADD: the cuda kernels index at most 8 dims"), e.getMessage());
    }

    @Test
    void nineContiguousDimsAreFine() {
        Tensor t = Tensor.zeros(2, 2, 2, 2, 2, 2, 2, 2, 2);
        assertEquals(1, CollapsedLayout.of("test", t.shape(), t.operand()).rank());
    }
}
