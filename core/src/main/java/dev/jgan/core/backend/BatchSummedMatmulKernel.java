package dev.jgan.core.backend;


/**
 * An optional capability of a {@link Backend}: a batch of matrix products summed over the batch,
 * {@code out = sum over n of a[n] @ b[n]}, without the [N, ..., M, P] tensor of all the products.
 *
 * <p>This is the weight gradient of a layer applied to every image of a batch (a convolution's
 * filters): one product per image, summed. Written as {@link #matmul} then a sum, it allocates,
 * writes and reads back N times the size of the weights, which for a DCGAN layer is tens of
 * megabytes per step. A backend that implements this streams the products into the sum instead.
 */
public interface BatchSummedMatmulKernel {

    /**
     * out = the sum over dim 0 of {@code a @ b}, with the same bits as {@link Backend#matmul} into
     * a contiguous [N, ..., M, P] tensor followed by {@link Backend#reduce} SUM over dim 0 on
     * this backend. a is [N, ..., M, K], b is [N, ..., K, P] (the same batch dims, any strides),
     * out is a contiguous [..., M, P].
     *
     * @return false, with nothing written, where this backend has no such kernel for these
     *         operands; the caller then does the two steps
     */
    boolean tryMatmulSummedOverBatch(Operand a, Operand b, Operand out);
}
