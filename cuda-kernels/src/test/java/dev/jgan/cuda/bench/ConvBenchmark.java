package dev.jgan.cuda.bench;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Convolution;
import dev.jgan.core.random.Generator;
import dev.jgan.cuda.CudaBackend;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The convolutions of DCGAN-64's discriminator (4x4 kernels, stride 2, padding 1: 64x64 images
 * halved four times) on the CUDA backend, which runs each as im2col + one matrix product (cuBLAS
 * on a GPU) and its input gradient as a product + col2im. Prints milliseconds for the forward
 * and for forward + backward, GFLOP/s of the forward (2 N OC OH OW C kh kw flops), and the largest
 * difference of the forward from the CPU backend's, relative to the output's largest entry, on
 * the first two images of the batch.
 *
 * <pre>java ... dev.jgan.cuda.bench.ConvBenchmark --driver gpu --batch 64 --repeats 10</pre>
 */
public final class ConvBenchmark {
    /** {in channels, out channels, input side} of each layer of D at ndf = 64. */
    private static final int[][] DCGAN64_LAYERS = {{3, 64, 64}, {64, 128, 32}, {128, 256, 16}, {256, 512, 8}};
    private static final int[] STRIDE = {2, 2};
    private static final int[] PADDING = {1, 1};
    private static final int[] DILATION = {1, 1};

    private ConvBenchmark() {
    }

    record Row(String layer, double forwardMillis, double trainingMillis, double gflops, double relativeError) {
    }

    public static void main(String[] args) {
        Map<String, String> options = Options.parse(args, Map.of("--driver", "gpu", "--batch", "64", "--repeats", "10",
                "--scale", "1"));
        BenchTarget target = BenchTarget.openOrExit(options.get("--driver"));
        List<Row> rows = run(target.base(), Integer.parseInt(options.get("--batch")),
                Integer.parseInt(options.get("--repeats")), Integer.parseInt(options.get("--scale")));
        print(target, rows, System.out);
        if (rows.stream().anyMatch(r -> !(r.relativeError() <= 1e-4))) {
            System.exit(1);
        }
    }

    /** {@code scale} divides every channel count and side (the emulator runs the same layers made small). */
    static List<Row> run(CudaBackend gpu, int batch, int repeats, int scale) {
        List<Row> rows = new ArrayList<>();
        for (int[] layer : DCGAN64_LAYERS) {
            int c = Math.max(1, layer[0] / scale);
            int oc = Math.max(1, layer[1] / scale);
            int side = Math.max(4, layer[2] / scale);
            Tensor x = Tensor.randn(new Generator(1), batch, c, side, side);
            Tensor w = Tensor.randn(new Generator(2), oc, c, 4, 4).mul(0.02);
            Tensor xd = x.to(gpu).requiresGrad(true);
            Tensor wd = w.to(gpu).requiresGrad(true);

            Tensor y = conv(xd, wd);  // warm-up, and the output checked against the CPU below
            y.sum().backward();
            gpu.synchronize();
            long start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                conv(xd, wd);
            }
            gpu.synchronize();
            double forward = (System.nanoTime() - start) / 1e6 / repeats;
            start = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                xd.zeroGrad();
                wd.zeroGrad();
                conv(xd, wd).sum().backward();
            }
            gpu.synchronize();
            double training = (System.nanoTime() - start) / 1e6 / repeats;

            int checked = Math.min(batch, 2);
            Tensor expected = conv(x.narrow(0, 0, checked), w);
            double error = RelativeError.of(expected.toFloatArray(), y.narrow(0, 0, checked).toFloatArray());
            int os = side / 2;
            double flops = 2.0 * batch * oc * os * os * c * 16;
            rows.add(new Row(String.format(Locale.ROOT, "[%d, %d, %d, %d] -> %d", batch, c, side, side, oc), forward,
                    training, flops / (forward / 1e3) / 1e9, error));
            gpu.emptyCache();
        }
        return rows;
    }

    private static Tensor conv(Tensor x, Tensor w) {
        return Convolution.conv2d(x, w, null, STRIDE, PADDING, DILATION, 1);
    }

    static void print(BenchTarget target, List<Row> rows, PrintStream out) {
        out.println("conv2d 4x4 / 2 (DCGAN-64's discriminator), float32, on " + target.describe());
        out.println(String.format(Locale.ROOT, "%-28s | %12s | %14s | %10s | %s", "input -> out channels",
                "forward ms", "fwd + bwd ms", "fwd GFLOP/s", "max |cuda - cpu| / max |cpu|"));
        for (Row r : rows) {
            out.println(String.format(Locale.ROOT, "%-28s | %12.3f | %14.3f | %10.1f | %.1e%s", r.layer(),
                    r.forwardMillis(), r.trainingMillis(), r.gflops(), r.relativeError(),
                    r.relativeError() <= 1e-4 ? "" : "  MISMATCH"));
        }
        out.println(String.format(Locale.ROOT, "summary: conv2d, DCGAN-64's D layers | fwd + bwd %.3f ms in all |"
                + " worst difference from the cpu %.1e", rows.stream().mapToDouble(Row::trainingMillis).sum(),
                rows.stream().mapToDouble(Row::relativeError).max().orElse(Double.NaN)));
    }
}
