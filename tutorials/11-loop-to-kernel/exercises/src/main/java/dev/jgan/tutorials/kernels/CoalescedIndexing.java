package dev.jgan.tutorials.kernels;

/**
 * Exercise 11 (README, "Exercises"): rung 2 of section 4's ladder, the coalesced SGEMM, as the
 * index arithmetic each GPU thread does, in Java. A launch is a grid of blocks of
 * blockDim.x x blockDim.y threads; a thread knows blockIdx and threadIdx and must work out which
 * entry (row, col) of C it computes, and the grid must be big enough to cover C. The exercise
 * test runs your mapping the way the GPU would, thread by thread, and counts the memory
 * transactions of each warp (32 threads of consecutive threadIdx.x).
 *
 * <p>{@link #naive} is rung 1, given as the model: {@code threadIdx.x} runs down a column of C.
 */
public final class CoalescedIndexing {
    private CoalescedIndexing() {
    }

    /** Rung 1: {@code row = blockIdx.x * blockDim.x + threadIdx.x}, {@code col} from the y parts. Returns {row, col}. */
    public static int[] naive(int blockIdxX, int blockIdxY, int threadIdxX, int threadIdxY, int blockDimX, int blockDimY) {
        return new int[]{blockIdxX * blockDimX + threadIdxX, blockIdxY * blockDimY + threadIdxY};
    }

    /** Rung 1's grid for an m x n C: {gridDim.x, gridDim.y}, x along the rows, y along the columns. */
    public static int[] naiveGrid(int m, int n, int blockDimX, int blockDimY) {
        return new int[]{ceilDiv(m, blockDimX), ceilDiv(n, blockDimY)};
    }

    /** Rung 2: threads of consecutive threadIdx.x take consecutive columns of one row. Returns {row, col}. */
    public static int[] coalesced(int blockIdxX, int blockIdxY, int threadIdxX, int threadIdxY, int blockDimX,
                                  int blockDimY) {
        // TODO exercise 11: swap the roles of x and y.
        throw new UnsupportedOperationException("exercise 11: CoalescedIndexing.coalesced is not written yet");
    }

    /** Rung 2's grid for an m x n C: {gridDim.x, gridDim.y}. */
    public static int[] coalescedGrid(int m, int n, int blockDimX, int blockDimY) {
        // TODO exercise 11: the grid must follow the threads.
        throw new UnsupportedOperationException("exercise 11: CoalescedIndexing.coalescedGrid is not written yet");
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
