package dev.jgan.cuda.bench;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The device run's first check, in seconds: open the device (on a GPU that loads every kernel
 * module, so a fatbin without code for this GPU fails here), say which matmul it got (cuBLAS by
 * JCublas or our shim, or our kernel and why), and compute one SGEMM checked against the CPU
 * backend. Exit status 0 when all of that worked, 1 when the product is wrong, 2 when the device
 * did not open.
 *
 * <pre>java ... dev.jgan.cuda.bench.GpuSmoke --driver gpu --n 512</pre>
 */
public final class GpuSmoke {
    private GpuSmoke() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = Options.parse(args, Map.of("--driver", "gpu", "--n", "512"));
        long start = System.nanoTime();
        BenchTarget target = BenchTarget.openOrExit(options.get("--driver"));
        System.out.println("smoke: opened " + target.describe());
        System.out.println("smoke: kernel modules " + (options.get("--driver").equals("gpu")
                ? "loaded at open: " + moduleList() : "(the emulator runs the kernels compiled into its library)"));
        int n = Integer.parseInt(options.get("--n"));
        Tensor a = Tensor.randn(new Generator(1), n, n);
        Tensor b = Tensor.randn(new Generator(2), n, n);
        float[] reference = a.matmul(b).toFloatArray();
        float[] onDevice = a.to(target.base()).matmul(b.to(target.base())).toFloatArray();
        double error = RelativeError.of(reference, onDevice);
        // float32 sums of n terms in another order differ by about n * 1e-7 of the largest entry.
        boolean ok = error <= 2e-7 * n;
        System.out.println(String.format(Locale.ROOT, "smoke: SGEMM %dx%d by %s: max |C - CPU| / max |CPU| = %.2e (%s)",
                n, n, target.hasCublas() ? "cuBLAS" : "our kernel", error, ok ? "OK" : "WRONG"));
        System.out.println(String.format(Locale.ROOT, "smoke: %s in %.1f s", ok ? "PASSED" : "FAILED",
                (System.nanoTime() - start) / 1e9));
        System.exit(ok ? 0 : 1);
    }

    private static String moduleList() throws IOException {
        try (InputStream in = GpuSmoke.class.getResourceAsStream("/dev/jgan/cuda/kernels/modules.txt")) {
            return in == null ? "NONE (no modules.txt)" : new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .trim().replace('\n', ' ');
        }
    }
}
