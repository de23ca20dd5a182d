package dev.jgan.core.backend;

import dev.jgan.core.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MergedDimsTest {

    @Test
    void aContiguousTensorOfAnyShapeIsOneDim() {
        MergedDims merged = MergedDims.of(new int[]{2, 3, 4, 5}, Shape.contiguousStrides(new int[]{2, 3, 4, 5}));
        assertArrayEquals(new int[]{120}, merged.sizes());
        assertArrayEquals(new int[]{1}, merged.strides()[0]);
    }

    @Test
    void sizeOneDimsVanishWhateverTheirStride() {
        MergedDims merged = MergedDims.of(new int[]{1, 6, 1, 7}, new int[]{999, 7, -5, 1});
        assertArrayEquals(new int[]{42}, merged.sizes());
        MergedDims single = MergedDims.of(new int[]{1, 1}, new int[]{3, 4});
        assertEquals(0, single.rank());
    }

    @Test
    void aTransposedOperandKeepsBothDimsEvenBesideAContiguousOne() {
        MergedDims merged = MergedDims.of(new int[]{3, 4}, new int[]{4, 1}, new int[]{1, 3});
        assertArrayEquals(new int[]{3, 4}, merged.sizes());
        assertArrayEquals(new int[]{4, 1}, merged.strides()[0]);
        assertArrayEquals(new int[]{1, 3}, merged.strides()[1]);
    }

    @Test
    void dimsMergeOnlyWhereEveryOperandIsBackToBack() {
        // [2, 3, 4]: operand 0 contiguous, operand 1 broadcast along dim 0 (stride 0): dims 1 and 2
        // merge for both, dim 0 stays apart.
        MergedDims merged = MergedDims.of(new int[]{2, 3, 4}, new int[]{12, 4, 1}, new int[]{0, 4, 1});
        assertArrayEquals(new int[]{2, 12}, merged.sizes());
        assertArrayEquals(new int[]{12, 1}, merged.strides()[0]);
        assertArrayEquals(new int[]{0, 1}, merged.strides()[1]);
    }

    @Test
    void aGappedViewMergesItsRowsWithEachOtherButKeepsItsStep() {
        // Every other element of a buffer, [3, 5] with strides [10, 2]: one dim of 15 at stride 2.
        MergedDims merged = MergedDims.of(new int[]{3, 5}, new int[]{10, 2});
        assertArrayEquals(new int[]{15}, merged.sizes());
        assertArrayEquals(new int[]{2}, merged.strides()[0]);
    }

    @Test
    void aReductionsKeepdimOutputMergesTheReducedNeighboursAndTheKeptOnes() {
        // [B, C, H, W] reduced over B, H, W (batch norm): groups B | C | H*W.
        int[] shape = {4, 3, 5, 6};
        MergedDims merged = MergedDims.of(shape, Shape.contiguousStrides(shape), new int[]{0, 1, 0, 0});
        assertArrayEquals(new int[]{4, 3, 30}, merged.sizes());
        assertArrayEquals(new int[]{0, 1, 0}, merged.strides()[1]);
    }

    @Test
    void stridesWhoseProductOverflowsAnIntDoNotMergeByWrapAround() {
        // 65536 * 65536 wraps to 0 in int arithmetic: the outer stride 0 must not look back to back.
        MergedDims merged = MergedDims.of(new int[]{2, 65536}, new int[]{0, 65536});
        assertArrayEquals(new int[]{2, 65536}, merged.sizes());
    }
}
