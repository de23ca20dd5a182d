package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.cuda.driver.JCudaDriver;
import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;
import jcuda.runtime.cudaStream_t;

import static jcuda.jcublas.JCublas2.cublasCreate;
import static jcuda.jcublas.JCublas2.cublasDgemmStridedBatched;
import static jcuda.jcublas.JCublas2.cublasSetStream;
import static jcuda.jcublas.JCublas2.cublasSgemmStridedBatched;

/**
 * cuBLAS through JCuda's JCublas 12.6, where libcublas.so.12 exists: its JNI library links
 * against libcublas.so.12 (with symbol versions tagged so), so it does not load on a machine
 * with only CUDA 13; {@link CublasShim} covers that case.
 */
final class JCublas implements Cublas {
    private final JCudaDriver driver;
    private final cublasHandle handle = new cublasHandle();

    private JCublas(JCudaDriver driver) {
        this.driver = driver;
    }

    /** Fails (LinkageError or IllegalStateException) when JCublas or cuBLAS 12 cannot be loaded. */
    static JCublas open(JCudaDriver driver) {
        JCublas cublas = new JCublas(driver);
        try {
            JCublas2.setExceptionsEnabled(true);
            driver.makeCurrent();
            cublasCreate(cublas.handle);
            cublasSetStream(cublas.handle, new cudaStream_t(driver.stream()));
        } catch (CudaException e) {
            throw new IllegalStateException("JCublas: " + e.getMessage(), e);
        }
        return cublas;
    }

    @Override
    public String description() {
        return "cuBLAS 12 (through JCublas)";
    }

    @Override
    public void gemm(DType dtype, boolean transA, boolean transB, int m, int n, int k, Operand a, Operand b,
                     Operand c, int batches) {
        driver.makeCurrent();
        Pointer aPtr = driver.pointer(a.memory(), a.byteOffset());
        Pointer bPtr = driver.pointer(b.memory(), b.byteOffset());
        Pointer cPtr = driver.pointer(c.memory(), c.byteOffset());
        int opA = transA ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        int opB = transB ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N;
        if (dtype == DType.FLOAT32) {
            Pointer one = Pointer.to(new float[]{1f});
            Pointer zero = Pointer.to(new float[]{0f});
            cublasSgemmStridedBatched(handle, opA, opB, m, n, k, one, aPtr, a.ld(), a.step(),
                    bPtr, b.ld(), b.step(), zero, cPtr, c.ld(), c.step(), batches);
        } else {
            Pointer one = Pointer.to(new double[]{1.0});
            Pointer zero = Pointer.to(new double[]{0.0});
            cublasDgemmStridedBatched(handle, opA, opB, m, n, k, one, aPtr, a.ld(), a.step(),
                    bPtr, b.ld(), b.step(), zero, cPtr, c.ld(), c.step(), batches);
        }
    }
}
