package dev.jgan.cuda;

import dev.jgan.cuda.driver.Dim3;

/**
 * How many threads and blocks the backend asks for. A GPU wants many (256 threads a block,
 * enough blocks to fill every multiprocessor); the emulator runs each CUDA thread of a block
 * as an OS thread and the blocks one after another, so it wants few. Correctness must not
 * depend on the choice: elementwise kernels use a grid-stride loop, reductions any power of
 * two, so the emulator's small shapes also exercise the loops a large GPU grid would skip.
 *
 * @param threadsPerBlock   block size of the elementwise kernels
 * @param maxBlocks         the most blocks an elementwise launch gets; the grid-stride loop does the rest
 * @param maxReduceThreads  the most threads of a reduction block, a power of two up to {@link #REDUCE_MAX_THREADS}
 */
public record LaunchShapes(int threadsPerBlock, int maxBlocks, int maxReduceThreads) {
    /** JGAN_REDUCE_MAX_THREADS of block_reduce.cuh: the size of the kernels' shared scratch. */
    public static final int REDUCE_MAX_THREADS = 256;

    public static final LaunchShapes GPU = new LaunchShapes(256, 65535, 256);
    public static final LaunchShapes EMULATOR = new LaunchShapes(32, 8, 32);

    public LaunchShapes {
        if (threadsPerBlock < 1 || threadsPerBlock > 1024 || maxBlocks < 1) {
            throw new IllegalArgumentException("launch shapes: " + threadsPerBlock + " threads per block and "
                    + maxBlocks + " blocks; expected 1..1024 threads and at least one block");
        }
        if (Integer.bitCount(maxReduceThreads) != 1 || maxReduceThreads > REDUCE_MAX_THREADS) {
            throw new IllegalArgumentException("launch shapes: reduction blocks of " + maxReduceThreads
                    + " threads; expected a power of two up to " + REDUCE_MAX_THREADS);
        }
    }

    Dim3 elementwiseBlock() {
        return Dim3.of(threadsPerBlock);
    }

    /** Enough blocks for one element per thread, capped at {@link #maxBlocks}. */
    Dim3 elementwiseGrid(int n) {
        long blocks = ((long) n + threadsPerBlock - 1) / threadsPerBlock;
        return Dim3.of((int) Math.max(1, Math.min(blocks, maxBlocks)));
    }

    /** The smallest power of two that covers {@code count} elements, capped: the tree reduction needs a power of two. */
    Dim3 reduceBlock(int count) {
        int threads = 1;
        while (threads < count && threads < maxReduceThreads) {
            threads *= 2;
        }
        return Dim3.of(threads);
    }
}
