package dev.jgan.cuda;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which strided matrices cuBLAS can read in place, and how; runs without a GPU. */
class BlasLayoutTest {

    @Test
    void rowMajorMatricesUseTheirRowStrideAsLeadingDimension() {
        assertEquals(Optional.of(new BlasLayout(true, 4)), BlasLayout.of(3, 4, 4, 1));
        assertEquals(Optional.of(new BlasLayout(true, 9)), BlasLayout.of(3, 4, 9, 1), "rows of a wider buffer");
    }

    @Test
    void transposedMatricesAreColumnMajor() {
        assertEquals(Optional.of(new BlasLayout(false, 3)), BlasLayout.of(3, 4, 1, 3));
    }

    @Test
    void gapsInBothDimsAndBroadcastRowsNeedACopy() {
        assertEquals(Optional.empty(), BlasLayout.of(3, 4, 8, 2));
        assertEquals(Optional.empty(), BlasLayout.of(3, 4, 0, 1));
        assertEquals(Optional.empty(), BlasLayout.of(3, 4, 2, 1), "rows overlapping each other");
    }

    @Test
    void theStrideOfASizeOneDimDoesNotMatterButTheLeadingDimensionStaysLegal() {
        assertEquals(Optional.of(new BlasLayout(true, 4)), BlasLayout.of(1, 4, 0, 1), "a broadcast single row");
        assertEquals(Optional.of(new BlasLayout(true, 1)), BlasLayout.of(5, 1, 1, 77), "a contiguous column");
        assertEquals(Optional.of(new BlasLayout(true, 1)), BlasLayout.of(1, 1, 0, 0), "one element");
        assertEquals(Optional.empty(), BlasLayout.of(5, 1, 0, 1), "one element repeated down a column");
    }
}
