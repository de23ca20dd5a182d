package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Matrix products refuse shapes that do not multiply with an error that names the op and both shapes. */
class LinearAlgebraErrorsTest {

    private static String refusal(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    @Test
    void matmulNamesTheInnerSizes() {
        assertEquals("matmul: [2, 3] @ [4, 2]: inner sizes 3 and 4 differ",
                refusal(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4, 2))));
    }

    @Test
    void summedOverBatchNeedsOneBatchOnBothSides() {
        String needs = ": needs [N, ..., M, K] and [N, ..., K, P] with the same batch dims";
        assertEquals("matmul_summed_over_batch: [2, 3] @ [3, 2]" + needs,
                refusal(() -> LinearAlgebra.matmulSummedOverBatch(Tensor.zeros(2, 3), Tensor.zeros(3, 2))));
        assertEquals("matmul_summed_over_batch: [4, 2, 3] @ [1, 3, 2]" + needs,
                refusal(() -> LinearAlgebra.matmulSummedOverBatch(Tensor.zeros(4, 2, 3), Tensor.zeros(1, 3, 2))));
        assertEquals("matmul_summed_over_batch: [4, 2, 3] @ [4, 2, 2]" + needs,
                refusal(() -> LinearAlgebra.matmulSummedOverBatch(Tensor.zeros(4, 2, 3), Tensor.zeros(4, 2, 2))));
    }

    @Test
    void oneDimensionalOperandsAreShownAsTheUserPassedThem() {
        assertEquals("matmul: [3] @ [4]: inner sizes 3 and 4 differ",
                refusal(() -> Tensor.zeros(3).matmul(Tensor.zeros(4))));
        assertEquals("matmul: [3] @ [4, 2]: inner sizes 3 and 4 differ",
                refusal(() -> Tensor.zeros(3).matmul(Tensor.zeros(4, 2))));
        assertEquals("matmul: [2, 3] @ [4]: inner sizes 3 and 4 differ",
                refusal(() -> Tensor.zeros(2, 3).matmul(Tensor.zeros(4))));
        assertEquals("matmul: [5, 2, 3] @ [4]: inner sizes 3 and 4 differ",
                refusal(() -> Tensor.zeros(5, 2, 3).matmul(Tensor.zeros(4))));
    }
}
