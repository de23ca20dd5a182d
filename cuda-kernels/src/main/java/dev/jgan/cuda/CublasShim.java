package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.cuda.driver.Driver;
import dev.jgan.cuda.driver.NativeLibraries;

import java.util.ArrayList;
import java.util.List;

/**
 * cuBLAS through our own JNI library, libjgan_cublas_shim.so (src/main/cublas/cublas_shim.cpp),
 * which dlopen()s cuBLAS and resolves its few entry points by name. It exists because JCublas
 * 12.6 cannot load where only CUDA 13's libcublas.so.13 is installed, and no JCuda for CUDA 13
 * exists. JNI rather than the FFM API: the project targets Java 17, where FFM is not final.
 *
 * <p>Which cuBLAS: the file named by {@value #LIBRARY_PROPERTY} (or the environment variable
 * {@value #LIBRARY_ENVIRONMENT}) when set, else {@code libcublas.so.13}, else
 * {@code libcublas.so.12}, found as dlopen finds them (LD_LIBRARY_PATH, the ld cache). Device
 * pointers go to cuBLAS as numbers ({@link Driver#address}), so under the emulator a fake
 * libcublas that computes on the host tests this whole path without a GPU.
 */
final class CublasShim implements Cublas {
    static final String LIBRARY_PROPERTY = "jgan.cublas.library";
    static final String LIBRARY_ENVIRONMENT = "JGAN_CUBLAS_LIBRARY";
    private static final String LOAD_FAILURE = NativeLibraries.load("libjgan_cublas_shim.so", "cuBLAS shim",
            "it is built by src/main/build/build-native.sh only where g++ is installed");

    private final Driver driver;
    private final String library;
    private final long lib;
    private final long handle;
    private final int version;

    private CublasShim(Driver driver, String library, long lib, long handle, int version) {
        this.driver = driver;
        this.library = library;
        this.lib = lib;
        this.handle = handle;
        this.version = version;
    }

    /** The library the user named, or empty. */
    static String namedLibrary() {
        String named = System.getProperty(LIBRARY_PROPERTY);
        if (named == null || named.isEmpty()) {
            named = System.getenv(LIBRARY_ENVIRONMENT);
        }
        return named == null ? "" : named;
    }

    /**
     * Opens cuBLAS for {@code driver}: the named library, else the first of libcublas.so.13 and
     * .so.12 that loads; binds it to the driver's stream. Fails with what each attempt said.
     */
    static CublasShim open(Driver driver) {
        String named = namedLibrary();
        return open(driver, named.isEmpty() ? List.of("libcublas.so.13", "libcublas.so.12") : List.of(named));
    }

    /** Opens the first of {@code candidates} (sonames or paths) that loads, for {@code driver}. */
    static CublasShim open(Driver driver, List<String> candidates) {
        if (LOAD_FAILURE != null) {
            throw new IllegalStateException(LOAD_FAILURE);
        }
        List<String> failures = new ArrayList<>();
        for (String candidate : candidates) {
            long lib;
            try {
                lib = open(candidate);
            } catch (IllegalStateException e) {
                failures.add(e.getMessage());
                continue;
            }
            driver.makeCurrent();
            long handle = create(lib);
            setStream(lib, handle, driver.streamHandle());
            return new CublasShim(driver, candidate, lib, handle, version(lib, handle));
        }
        throw new IllegalStateException("our cuBLAS shim found none of " + candidates + ": " + String.join("; ", failures));
    }

    @Override
    public String description() {
        String number = version < 0 ? "" : " " + version / 10000 + "." + version / 100 % 100 + "." + version % 100;
        return "cuBLAS" + number + " (through our shim, " + library + ")";
    }

    @Override
    public void gemm(DType dtype, boolean transA, boolean transB, int m, int n, int k, Operand a, Operand b,
                     Operand c, int batches) {
        driver.makeCurrent();
        gemm(lib, handle, dtype == DType.FLOAT64, transA ? 1 : 0, transB ? 1 : 0, m, n, k, 1.0,
                driver.address(a.memory(), a.byteOffset()), a.ld(), a.step(),
                driver.address(b.memory(), b.byteOffset()), b.ld(), b.step(), 0.0,
                driver.address(c.memory(), c.byteOffset()), c.ld(), c.step(), batches);
    }

    /** dlopen()s a cuBLAS and resolves its entry points; throws IllegalStateException with dlerror's text. */
    private static native long open(String library);

    private static native long create(long lib);

    private static native void setStream(long lib, long handle, long stream);

    /** cuBLAS's version number (major * 10000 + minor * 100 + patch), or -1 when it does not say. */
    private static native int version(long lib, long handle);

    /** C = alpha op(A) op(B) + beta C, column-major; operations 0 (N) or 1 (T); addresses are device pointers. */
    private static native void gemm(long lib, long handle, boolean doublePrecision, int transA, int transB,
                                    int m, int n, int k, double alpha, long a, int lda, long strideA,
                                    long b, int ldb, long strideB, double beta, long c, int ldc, long strideC,
                                    int batches);
}
