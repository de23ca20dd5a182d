package dev.jgan.cuda.bench;

import dev.jgan.cuda.CudaBackend;
import dev.jgan.cuda.GemmKernel;

/**
 * What a benchmark runs on: GPU 0 (cuBLAS when it loads) or the emulator, chosen by the
 * {@code --driver} argument. On the emulator the numbers say nothing about speed; that mode only
 * checks that the benchmark itself works on a machine without a GPU.
 *
 * @param base             the backend whose own matmul is the reference (cuBLAS, or blocktile_2d without it)
 * @param cublasUnavailable why cuBLAS is missing; empty when {@code base} multiplies with cuBLAS
 */
record BenchTarget(String driver, CudaBackend base, String cublasUnavailable) {

    static BenchTarget open(String driver) {
        switch (driver) {
            case "gpu":
                try {
                    return new BenchTarget(driver, CudaBackend.onGpuWithCublas(0), "");
                } catch (IllegalStateException noCublas) {
                    if (!noCublas.getMessage().contains("cuBLAS")) {
                        throw noCublas;
                    }
                    return new BenchTarget(driver, CudaBackend.onGpu(0, GemmKernel.BLOCKTILE_2D), noCublas.getMessage());
                }
            case "emulator":
                // With a host-computing stand-in for cuBLAS named (jgan.cublas.library), the cuBLAS
                // column runs through our shim: the bundle's rehearsal checks that path this way.
                try {
                    return new BenchTarget(driver, CudaBackend.emulatedWithCublas(), "");
                } catch (IllegalStateException noStandIn) {
                    if (!noStandIn.getMessage().startsWith("the emulator has no cuBLAS")) {
                        throw noStandIn;
                    }
                    return new BenchTarget(driver, CudaBackend.emulated(GemmKernel.BLOCKTILE_2D),
                            "the emulator has no cuBLAS");
                }
            default:
                throw new IllegalArgumentException("--driver " + driver + ": expected gpu or emulator");
        }
    }

    boolean hasCublas() {
        return cublasUnavailable.isEmpty();
    }

    /** One line for the top of a table. */
    String describe() {
        return base + (hasCublas() ? "" : " (" + cublasUnavailable + ")")
                + (driver.equals("emulator") ? "; EMULATOR: timings are meaningless, this only checks the benchmark" : "");
    }

    /** Opens the target, or exits with its one-line reason (status 2), as the script expects. */
    static BenchTarget openOrExit(String driver) {
        try {
            return open(driver);
        } catch (IllegalStateException e) {
            System.err.println("[bench] " + e.getMessage());
            System.exit(2);
            return null; // not reached: exit does not return
        }
    }
}
