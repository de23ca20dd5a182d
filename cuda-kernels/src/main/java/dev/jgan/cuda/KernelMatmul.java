package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.backend.Operand;
import dev.jgan.cuda.driver.Dim3;
import dev.jgan.cuda.driver.KernelArgs;

/**
 * Matmul by one rung of sgemm.cu. Any strides are fine (the kernels index through them), so
 * transposed and broadcast operands need no copy.
 */
final class KernelMatmul implements MatmulEngine {
    private final GemmKernel kernel;

    KernelMatmul(GemmKernel kernel) {
        this.kernel = kernel;
    }

    GemmKernel kernel() {
        return kernel;
    }

    @Override
    public void matmul(CudaBackend backend, Operand a, Operand b, Operand out) {
        MatmulProblem p = MatmulProblem.of(a, b, out);
        if (p.isEmpty()) {
            return;
        }
        int rank = out.dim();
        String name = kernel.kernelName(out.dtype());
        for (int start = 0; start < p.batches(); start += GemmKernel.MAX_BATCHES_PER_LAUNCH) {
            int count = Math.min(GemmKernel.MAX_BATCHES_PER_LAUNCH, p.batches() - start);
            Dim3 grid = kernel.grid(p.m(), p.n(), count);
            if (grid.y() > GemmKernel.MAX_BATCHES_PER_LAUNCH) {
                throw new IllegalArgumentException("matmul: [" + p.m() + ", " + p.k() + "] @ [" + p.k() + ", " + p.n()
                        + "] needs a grid of " + grid.y() + " blocks along y for " + name + "; CUDA allows 65535");
            }
            KernelArgs args = new KernelArgs().i32(p.m()).i32(p.n()).i32(p.k());
            p.batch().dims(args).i32(start);
            operand(backend, args, a, p, MatmulProblem.A, rank);
            operand(backend, args, b, p, MatmulProblem.B, rank);
            operand(backend, args, out, p, MatmulProblem.OUT, rank);
            backend.driver().launch(name, grid, kernel.block(), args);
        }
    }

    private static void operand(CudaBackend backend, KernelArgs args, Operand t, MatmulProblem p, int which, int rank) {
        args.ptr(backend.memory(t))
                .matrix(p.batch().offset(which), t.stride(rank - 2), t.stride(rank - 1), p.batch().strides(which));
    }

    @Override
    public String description() {
        return "our " + kernel.kernelName(DType.FLOAT32) + " kernel";
    }
}
