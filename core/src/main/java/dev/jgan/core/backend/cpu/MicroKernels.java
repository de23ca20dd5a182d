package dev.jgan.core.backend.cpu;

/**
 * Picks the micro-kernel for this JVM: the Vector API tile when the JVM was started with
 * {@code --add-modules jdk.incubator.vector}, else the plain-Java 4 x 4 tile.
 */
final class MicroKernels {
    /** True when {@code jdk.incubator.vector} is in the boot layer, so {@link VectorMicroKernel} can load. */
    static final boolean VECTOR_API = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private MicroKernels() {
    }

    /** The default kernel: vector when the module is there, scalar otherwise; both in the reference order. */
    static MicroKernel best() {
        return VECTOR_API ? VectorMicroKernel.INSTANCE : ScalarMicroKernel.INSTANCE;
    }

    /** Floats per SIMD register in the vector kernel; 1 without the module. */
    static int lanes() {
        return VECTOR_API ? VectorMicroKernel.lanes() : 1;
    }
}
