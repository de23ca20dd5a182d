package dev.jgan.benchmarks.compare;

import dev.jgan.benchmarks.GanSteps;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.random.Generator;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Java side of the comparison with PyTorch ({@code benchmarks/compare/compare_pytorch.py}
 * runs it): the same workloads, through the same user-level tensor ops a PyTorch user calls
 * (so allocation and dispatch count on both sides), each timed by {@link MedianTimer}. Each call
 * runs in a CPU memory scope, as an op runs in a training step of {@code gan train}: its result's
 * array goes back to the pool when the scope closes, as PyTorch's goes back to its allocator when
 * the last Python reference to the result is dropped.
 *
 * <p>Prints one line per workload, {@code RESULT<TAB>name<TAB>seconds per call}; the names
 * must match the Python script's. Arguments, if any, select workloads by name prefix. The
 * training steps ({@link GanSteps}) take from tens of milliseconds to seconds each, so they are
 * timed as single calls by {@link MedianTimer#secondsPerStep}.
 */
public final class CompareMain {
    /** Results land here so that the JIT cannot drop the work. */
    private static volatile Tensor sink;
    private static volatile double stepSink;

    private CompareMain() {
    }

    public static void main(String[] args) {
        Map<String, Supplier<Tensor>> workloads = workloads(new Generator(42));
        printJava(System.out);
        for (Map.Entry<String, Supplier<Tensor>> w : workloads.entrySet()) {
            if (!selected(w.getKey(), args)) {
                continue;
            }
            Supplier<Tensor> work = w.getValue();
            ScopedMemory cpu = (ScopedMemory) Backends.cpu();
            double seconds = MedianTimer.secondsPerCall(() -> {
                try (ScopedMemory.Scope call = cpu.openScope()) {
                    sink = work.get();
                }
            });
            System.out.println("RESULT\t" + w.getKey() + "\t" + seconds);
        }
        for (GanSteps model : GanSteps.values()) {
            if (!selected(model.label(), args)) {
                continue;
            }
            GanSteps.Step step = model.prepare(42);
            double seconds = MedianTimer.secondsPerStep(() -> stepSink = step.run());
            System.out.println("RESULT\t" + model.label() + "\t" + seconds);
        }
    }

    /** The {@code JAVA<TAB>vm version} line the script prints as the Java side's version. */
    static void printJava(PrintStream out) {
        out.println("JAVA\t" + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static boolean selected(String name, String[] prefixes) {
        if (prefixes.length == 0) {
            return true;
        }
        for (String p : prefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** Name -> one call of the workload; inputs are made once, outside the timing. */
    static Map<String, Supplier<Tensor>> workloads(Generator gen) {
        Map<String, Supplier<Tensor>> w = new LinkedHashMap<>();
        for (int n : new int[]{256, 512, 1024}) {
            Tensor a = Tensor.randn(gen, n, n);
            Tensor b = Tensor.randn(gen, n, n);
            w.put("sgemm " + n, () -> a.matmul(b));
        }
        // The MLP GAN generator's layers (gan.py) at batch 64, weight stored [out, in] as Linear does:
        // forward x W^T, the input's gradient g W, the weight's gradient x^T g. Named m x k x n.
        for (int[] layer : new int[][]{{100, 128}, {128, 256}, {256, 512}, {512, 1024}, {1024, 784}}) {
            int in = layer[0];
            int out = layer[1];
            Tensor x = Tensor.randn(gen, 64, in);
            Tensor g = Tensor.randn(gen, 64, out);
            Tensor weight = Tensor.randn(gen, out, in);
            w.put("x W^T 64x" + in + "x" + out, () -> x.matmul(weight.t()));
            w.put("g W 64x" + out + "x" + in, () -> g.matmul(weight));
            w.put("x^T g " + in + "x64x" + out, () -> x.t().matmul(g));
        }
        // A linear layer as PyTorch stores it: weight [out, in], y = x W^T + b.
        Tensor x = Tensor.randn(gen, 64, 1024);
        Tensor weight = Tensor.randn(gen, 784, 1024);
        Tensor bias = Tensor.randn(gen, 784);
        w.put("linear 64x1024x784", () -> x.matmul(weight.t()).add(bias));
        Tensor a = Tensor.randn(gen, 64, 1024);
        Tensor b = Tensor.randn(gen, 64, 1024);
        Tensor rowBias = Tensor.randn(gen, 1024);
        w.put("add [64,1024]", () -> a.add(b));
        w.put("mul bias [64,1024]*[1024]", () -> a.mul(rowBias));
        w.put("leakyRelu [64,1024]", () -> a.leakyRelu(0.2));
        w.put("sigmoid [64,1024]", a::sigmoid);
        w.put("tanh [64,1024]", a::tanh);
        w.put("sum dim 0 [64,1024]", () -> a.sum(0));
        w.put("sum dim 1 [64,1024]", () -> a.sum(1));
        w.put("softmax dim 1 [64,1024]", () -> a.softmax(1));
        return w;
    }
}
