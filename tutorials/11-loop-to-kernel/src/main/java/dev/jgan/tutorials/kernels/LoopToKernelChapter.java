package dev.jgan.tutorials.kernels;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.cuda.CudaBackend;
import dev.jgan.cuda.GemmKernel;
import dev.jgan.tutorials.kernels.KernelDevice.Mode;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Chapter 11's program: our CUDA kernels for an elementwise op, a reduction and the four rungs
 * of the SGEMM ladder, each checked against the CPU backend on awkward sizes (1, primes, sizes
 * that are no multiple of any block or tile), then, on a real GPU only, the ladder timed
 * against cuBLAS. Without a GPU the kernels run on the CUDA emulator and the timing is skipped:
 * the emulator runs GPU threads as CPU threads and its times say nothing about a GPU.
 *
 * <p>Arguments (optional): the mode, {@code auto} (default: a GPU if there is one),
 * {@code emulator} or {@code gpu}; then the sizes to time, e.g. {@code 1024,2048,4096}.
 */
public final class LoopToKernelChapter {
    static final int[] DEFAULT_TIMING_SIZES = {1024, 2048, 4096};
    /** float32's unit roundoff, 2^-24: the relative error of one correctly rounded operation. */
    static final double UNIT_ROUNDOFF = Math.scalb(1.0, -24);
    static final String TIMING_HEADLINE = "GFLOP/s of C = A B, n x n float32";

    private LoopToKernelChapter() {
    }

    /** How many comparisons ran and how many failed; whether the ladder was timed. */
    record Findings(int checks, int failures, boolean timed) {
        boolean allCorrect() {
            return checks > 0 && failures == 0;
        }
    }

    public static void main(String[] args) {
        Mode mode = args.length > 0 ? Mode.parse(args[0]) : Mode.AUTO;
        int[] sizes = args.length > 1 ? parseSizes(args[1]) : DEFAULT_TIMING_SIZES;
        Findings findings = run(System.out, mode, sizes);
        if (!findings.allCorrect()) {
            System.exit(1);
        }
    }

    static Findings run(PrintStream out, Mode mode, int[] timingSizes) {
        KernelDevice device = KernelDevice.open(mode, out);
        Checks checks = new Checks(out);
        out.println("kernels on: " + device.backend());
        out.println();
        elementwise(device.backend(), checks);
        reduction(device.backend(), checks);
        ladder(device.backend(), checks);
        out.printf(Locale.ROOT, "%d comparisons with the CPU backend, %d failed%n", checks.count, checks.failures);
        out.println();
        boolean timed = false;
        if (device.gpu()) {
            LadderTiming.print(device.backend(), timingSizes, out);
            timed = true;
        } else {
            out.println("timing: skipped, there is no GPU here and the emulator's times mean nothing.");
            out.println("On a machine with an NVIDIA GPU: mvn -q -pl tutorials/11-loop-to-kernel -am compile exec:java"
                    + " -Dexec.args=gpu, or cuda-kernels/gpu-bench.sh for every benchmark at once.");
        }
        return new Findings(checks.count, checks.failures, timed);
    }

    /** out = x * 2.5 + y, and a broadcast sum: one correctly rounded operation each, so bit for bit. */
    private static void elementwise(CudaBackend gpu, Checks checks) {
        checks.section("1. Elementwise: one thread per element, bit for bit");
        for (int n : new int[]{1, 37, 4099}) {
            Tensor x = Tensor.randn(new Generator(n), n);
            Tensor y = Tensor.randn(new Generator(n + 1), n);
            Tensor cpu = x.mul(2.5).add(y);
            Tensor cuda = x.to(gpu).mul(2.5).add(y.to(gpu));
            checks.bitForBit(String.format(Locale.ROOT, "x * 2.5 + y, n = %d", n), cpu, cuda);
        }
        Tensor column = Tensor.randn(new Generator(2), 37, 1);
        Tensor row = Tensor.randn(new Generator(3), 1, 41);
        checks.bitForBit("column [37, 1] + row [1, 41] (broadcast)", column.add(row),
                column.to(gpu).add(row.to(gpu)));
    }

    /** Row sums: the kernel adds in another order than the CPU, so it is held to the error bound of summation. */
    private static void reduction(CudaBackend gpu, Checks checks) {
        checks.section("2. Reduction: one block per row, a tree in shared memory");
        int[][] shapes = {{3, 1}, {3, 37}, {3, 1000}, {2, 4099}};
        for (int[] shape : shapes) {
            Tensor x = Tensor.randn(new Generator(shape[1]), shape);
            Tensor exact = x.to(DType.FLOAT64).sum(1);
            Tensor scale = x.to(DType.FLOAT64).abs().sum(1);
            Tensor cuda = x.to(gpu).sum(1);
            // Any order of n - 1 additions is within (n - 1) u of the exact sum, relative to sum |x|.
            checks.withinBound(String.format(Locale.ROOT, "sum of each row of [%d, %d]", shape[0], shape[1]),
                    cuda, exact, scale, Math.max(1, shape[1] - 1) * UNIT_ROUNDOFF);
        }
    }

    /** Every rung at sizes that fill no tile exactly, and once with a transposed A. */
    private static void ladder(CudaBackend gpu, Checks checks) {
        checks.section("3. The SGEMM ladder: the same product, four ways");
        int[][] sizes = {{1, 1, 1}, {7, 13, 5}, {33, 65, 17}, {67, 130, 131}};
        for (GemmKernel kernel : GemmKernel.values()) {
            CudaBackend rung = gpu.withMatmul(kernel);
            String name = "sgemm_" + kernel.name().toLowerCase(Locale.ROOT);
            for (int[] mnk : sizes) {
                Tensor a = Tensor.randn(new Generator(mnk[0]), mnk[0], mnk[2]);
                Tensor b = Tensor.randn(new Generator(mnk[1]), mnk[2], mnk[1]);
                product(checks, rung, String.format(Locale.ROOT, "%-18s %d x %d x %d", name, mnk[0], mnk[1], mnk[2]),
                        a, b);
            }
            Tensor stored = Tensor.randn(new Generator(45), 45, 61);
            product(checks, rung, String.format(Locale.ROOT, "%-18s %s", name, "61 x 37 x 45, A transposed"),
                    stored.t(), Tensor.randn(new Generator(37), 45, 37));
        }
    }

    /** C = A B on one rung against the float64 product; K roundings per entry, relative to sum_k |a_ik b_kj|. */
    private static void product(Checks checks, CudaBackend rung, String what, Tensor a, Tensor b) {
        Tensor a64 = a.to(DType.FLOAT64);
        Tensor b64 = b.to(DType.FLOAT64);
        Tensor cuda = a.to(rung).matmul(b.to(rung));
        checks.withinBound(what, cuda, a64.matmul(b64), a64.abs().matmul(b64.abs()), a.size(1) * UNIT_ROUNDOFF);
    }

    private static int[] parseSizes(String text) {
        String[] parts = text.split(",");
        int[] sizes = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            sizes[i] = Integer.parseInt(parts[i].strip());
        }
        return sizes;
    }
}
