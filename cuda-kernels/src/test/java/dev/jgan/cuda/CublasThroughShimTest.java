package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backends;
import dev.jgan.cuda.driver.EmulatedDriver;
import dev.jgan.cuda.driver.EmulatorLibrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cuBLAS path without a GPU: our shim (libjgan_cublas_shim.so) dlopen()s the fake cuBLAS of
 * src/test/native/fake_cublas.cpp under the emulator, whose device pointers are host pointers.
 * The fake logs each call, so these tests see which entry point computed a product and with
 * which arguments (the row-major trick swaps A and B, and m and n); MatmulConformanceTest holds
 * the same path's products to the oracle on awkward layouts.
 */
class CublasThroughShimTest {
    private CudaBackend backend;

    @BeforeEach
    void openTheEmulatorWithTheFakeCublas() throws IOException {
        assumeTrue(EmulatorLibrary.isAvailable(), EmulatorLibrary::unavailableReason);
        backend = CudaBackend.emulatedWithCublas(FakeCublas.library().toString());
        FakeCublas.clearCalls();
    }

    @Test
    void theBackendSaysItMultipliesWithCublasThroughTheShim() {
        assertTrue(backend.hasCublas());
        assertTrue(backend.toString().contains("cuBLAS 13.0.0 (through our shim, ") && backend.toString()
                .contains("libcublas.so.13"), backend.toString());
    }

    @Test
    void aRowMajorProductIsOneCallWithTheOperandsSwapped() throws IOException {
        Tensor a = random(DType.FLOAT32, 2, 3);
        Tensor b = random(DType.FLOAT32, 3, 4);
        assertSameProduct(a, b);
        // C = A B (2x4, row-major) is C^T = B^T A^T (4x2, column-major): B first, m = 4, n = 2.
        assertEquals(List.of("cublasSgemm_v2 N N m=4 n=2 k=3 lda=4 ldb=3 ldc=4"), FakeCublas.calls());
    }

    @Test
    void aTransposedViewIsReadInPlaceWithOpT() throws IOException {
        Tensor a = random(DType.FLOAT64, 3, 2).t();
        Tensor b = random(DType.FLOAT64, 3, 4);
        assertSameProduct(a, b);
        // a's storage is its transpose, row-major: cuBLAS reads it column-major as A itself, so op T.
        assertEquals(List.of("cublasDgemm_v2 N T m=4 n=2 k=3 lda=4 ldb=2 ldc=4"), FakeCublas.calls());
    }

    @Test
    void anEvenlySpacedBatchIsOneStridedBatchedCall() throws IOException {
        Tensor a = random(DType.FLOAT32, 2, 2, 3);
        Tensor b = random(DType.FLOAT32, 2, 3, 4);
        assertSameProduct(a, b);
        assertEquals(List.of("cublasSgemmStridedBatched N N m=4 n=2 k=3 lda=4 strideA=12 ldb=3 strideB=6 ldc=4"
                + " strideC=8 batches=2"), FakeCublas.calls());
    }

    @Test
    void aRefusedCallIsReportedWithCublasStatus() {
        EmulatedDriver driver = new EmulatedDriver();
        Cublas cublas = CublasShim.open(driver, List.of(FakeCublas.library().toString()));
        var memory = driver.allocate(64);
        Cublas.Operand tooNarrow = new Cublas.Operand(memory, 0, 1, 0);
        IllegalStateException refused = assertThrows(IllegalStateException.class, () ->
                cublas.gemm(DType.FLOAT32, false, false, 2, 2, 2, tooNarrow, tooNarrow, tooNarrow, 1));
        assertEquals("cublasSgemm_v2 returned CUBLAS_STATUS_INVALID_VALUE (7)", refused.getMessage());
        driver.free(memory);
    }

    @Test
    void aMissingLibraryIsNamedWithWhatDlopenSaid() {
        IllegalStateException missing = assertThrows(IllegalStateException.class, () ->
                CublasShim.open(new EmulatedDriver(), List.of("/nonexistent/libcublas.so.13", "libcublas.so.99")));
        assertTrue(missing.getMessage().startsWith("our cuBLAS shim found none of [/nonexistent/libcublas.so.13,"
                + " libcublas.so.99]: /nonexistent/libcublas.so.13: cannot open shared object file"), missing.getMessage());
    }

    @Test
    void aLibraryWithoutTheEntryPointsIsRefused() {
        IllegalStateException notCublas = assertThrows(IllegalStateException.class, () ->
                CublasShim.open(new EmulatedDriver(), List.of("libm.so.6")));
        assertTrue(notCublas.getMessage().contains("libm.so.6 lacks the cuBLAS entry points cublasCreate_v2,"
                + " cublasSetStream_v2, cublasSgemm_v2"), notCublas.getMessage());
    }

    @Test
    void withoutCublasMatmulFallsBackToOurBestKernelAndSaysWhy() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MatmulEngine engine = CudaBackend.cublasOrOwnKernel(() -> {
            throw new IllegalStateException("cuda:0 H100: no cuBLAS (because of a test)");
        }, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertInstanceOf(KernelMatmul.class, engine);
        assertEquals(GemmKernel.BLOCKTILE_2D, ((KernelMatmul) engine).kernel());
        assertEquals("[jgan cuda] matmul by our sgemm_blocktile_2d kernel, since cuda:0 H100: no cuBLAS (because of a"
                + " test)\n", log.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withCublasMatmulGoesToItAndSaysNothing() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        MatmulEngine engine = CudaBackend.cublasOrOwnKernel(
                () -> CublasShim.open(new EmulatedDriver(), List.of(FakeCublas.library().toString())),
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertInstanceOf(CublasMatmul.class, engine);
        assertEquals("", log.toString(StandardCharsets.UTF_8));
    }

    private Tensor random(DType dtype, int... shape) {
        return Tensor.randn(new dev.jgan.core.random.Generator(shape.length * 31L + shape[0]), shape).to(dtype)
                .to(backend);
    }

    /** cuBLAS's product (the fake sums with fma in the same order as the CPU reference) against the CPU's. */
    private void assertSameProduct(Tensor a, Tensor b) {
        Tensor onCpu = a.to(Backends.cpu()).matmul(b.to(Backends.cpu()));
        assertArrayEquals(onCpu.toDoubleArray(), a.matmul(b).toDoubleArray(), 1e-5 * a.size(-1));
    }
}
