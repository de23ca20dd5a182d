package dev.jgan.cuda;

import dev.jgan.core.backend.Operand;

/** Who computes {@link dev.jgan.core.backend.Backend#matmul} for a {@link CudaBackend}: cuBLAS or our kernels. */
interface MatmulEngine {
    /** Same contract as Backend.matmul; all three tensors live on {@code backend}. */
    void matmul(CudaBackend backend, Operand a, Operand b, Operand out);

    /** For people: which engine this is. */
    String description();
}
