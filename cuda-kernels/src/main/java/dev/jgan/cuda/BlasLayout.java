package dev.jgan.cuda;

import java.util.Optional;

/**
 * How a strided matrix looks to BLAS, which knows only column-major matrices with a leading
 * dimension. A row-major matrix (unit column stride) read as column-major is its transpose;
 * a column-major one (unit row stride) is itself. Either way BLAS can use it in place, with
 * op N or op T; any other layout (both strides above 1, or a broadcast stride 0) needs a copy.
 *
 * <p>The row-major trick: C = A B in row-major is C^T = B^T A^T in column-major, so a row-major
 * product is one BLAS call with the operands swapped, and no transposing copy at all.
 *
 * @param rowMajor whether the matrix is stored row by row (unit column stride)
 * @param ld       the leading dimension: the stride between rows if row-major, between columns if not
 */
record BlasLayout(boolean rowMajor, int ld) {

    /**
     * The layout of a rows x cols matrix with these strides, or empty when BLAS cannot read it in
     * place. A size-1 dim may have any stride (it is never stepped over), so it is treated as
     * whatever makes the matrix fit; BLAS still insists on ld >= max(1, the dim it strides over).
     */
    static Optional<BlasLayout> of(int rows, int cols, int rowStride, int colStride) {
        int rowMajorColStride = cols == 1 ? 1 : colStride;
        int rowMajorLd = rows == 1 ? Math.max(1, cols) : rowStride;
        if (rowMajorColStride == 1 && rowMajorLd >= Math.max(1, cols)) {
            return Optional.of(new BlasLayout(true, rowMajorLd));
        }
        int colMajorRowStride = rows == 1 ? 1 : rowStride;
        int colMajorLd = cols == 1 ? Math.max(1, rows) : colStride;
        if (colMajorRowStride == 1 && colMajorLd >= Math.max(1, rows)) {
            return Optional.of(new BlasLayout(false, colMajorLd));
        }
        return Optional.empty();
    }
}
