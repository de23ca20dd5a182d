package dev.jgan.benchmarks;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.UnaryOp;
import dev.jgan.core.backend.cpu.CpuBackend;
import dev.jgan.core.random.Generator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The elementwise kernels of a GAN layer (and exp, log and softmax, whose float32 forms are the
 * engine's own polynomials, vectorized in VectorFloat32Math), reference loop against float32 fast path, at the MLP
 * GAN's activation shapes (batch 64 x 1024 hidden, batch 64 x 784 pixels) and a large batch.
 * The kernels are called directly, into a preallocated output, so only the loop is timed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ElementwiseBenchmark extends ForksLikeBinGan {
    /** rows x columns. */
    @Param({"64x1024", "64x784", "1024x784"})
    public String shape;

    /**
     * add: two full tensors; mulBias: times a [N] row broadcast over the rows (as a bias is);
     * greaterThanZero: the mask of a relu's backward, x > 0 against a broadcast 0.
     */
    @Param({"add", "mulBias", "greaterThanZero", "leakyRelu", "sigmoid", "tanh", "exp", "log", "softmax"})
    public String op;

    /**
     * Which loops run: the reference ({@link CpuBackend#reference()}) or the fast paths. A
     * parameter rather than two methods, and named to sort after the others, so that JMH runs
     * the two back to back for each shape and op: on a shared, noisy machine their ratio is then
     * measured under about the same load.
     */
    @Param({"reference", "fast"})
    public String version;

    private CpuBackend cpu;
    private Tensor a;
    private Tensor b;
    private Tensor bias;
    private Tensor positive;
    private Tensor zero;
    private Tensor out;

    @Setup
    public void setup() {
        String[] mn = shape.split("x");
        int m = Integer.parseInt(mn[0]);
        int n = Integer.parseInt(mn[1]);
        cpu = version.equals("fast") ? new CpuBackend() : CpuBackend.reference();
        Generator gen = new Generator(42);
        a = Tensor.randn(gen, m, n);
        b = Tensor.randn(gen, m, n);
        // The broadcast view that Tensor.mul hands to the kernel: stride 0 along the rows.
        bias = Tensor.randn(gen, n).expand(m, n);
        positive = a.abs();
        zero = Tensor.scalar(0).expand(m, n);
        out = Tensor.empty(cpu, DType.FLOAT32, m, n);
    }

    @Benchmark
    public Tensor kernel() {
        switch (op) {
            case "add" -> cpu.binary(BinaryOp.ADD, a.operand(), b.operand(), out.operand());
            case "mulBias" -> cpu.binary(BinaryOp.MUL, a.operand(), bias.operand(), out.operand());
            case "greaterThanZero" -> cpu.binary(BinaryOp.GT, a.operand(), zero.operand(), out.operand());
            case "leakyRelu" -> cpu.unary(UnaryOp.LEAKY_RELU, a.operand(), out.operand(), 0.2, 0);
            case "sigmoid" -> cpu.unary(UnaryOp.SIGMOID, a.operand(), out.operand(), 0, 0);
            case "tanh" -> cpu.unary(UnaryOp.TANH, a.operand(), out.operand(), 0, 0);
            case "exp" -> cpu.unary(UnaryOp.EXP, a.operand(), out.operand(), 0, 0);
            case "log" -> cpu.unary(UnaryOp.LOG, positive.operand(), out.operand(), 0, 0);
            case "softmax" -> cpu.softmax(a.operand(), 1, false, out.operand());
            default -> throw new IllegalArgumentException("ElementwiseBenchmark: unknown op " + op);
        }
        return out;
    }
}
