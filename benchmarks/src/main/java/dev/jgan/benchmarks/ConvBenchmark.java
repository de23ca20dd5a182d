package dev.jgan.benchmarks;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.ops.Convolution;
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
 * conv2d and conv_transpose2d at the DCGAN's layer shapes (batch 64, 4x4 kernels, stride 2,
 * padding 1, no bias), forward alone and forward + backward (the input and weight gradients of
 * the sum of the output times a fixed upstream gradient).
 *
 * <p>{@code path=folded} is {@link Convolution}: the columns of all images in one matrix, one
 * product per layer. {@code path=perImage} is the formula it replaced, written with the same
 * public ops: {@code filters.matmul(im2col(x))}, one product per image, and for the transposed
 * convolution {@code col2im(filtersT.matmul(x))}. Both give the same bits, so the ratio is what
 * folding the batch buys.
 *
 * <p>Each call runs in a CPU memory scope, as in a training step, so its tensors' arrays are
 * reused by the next call instead of being collected.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ConvBenchmark extends ForksLikeBinGan {
    /**
     * in channels x out channels x input size: D's 64 -> 128 at 16x16 and 128 -> 256 at 8x8 (its
     * inner layers at 32x32); G's 256 -> 128 from 4x4 and 128 -> 64 from 8x8 (transposed).
     */
    @Param({"conv 64x128x16", "conv 128x256x8", "convT 256x128x4", "convT 128x64x8"})
    public String layer;

    @Param({"perImage", "folded"})
    public String path;

    private static final int[] K = {4, 4};
    private static final int[] S = {2};
    private static final int[] P = {1};
    private static final int[] D = {1};

    private Tensor x;
    private Tensor weight;
    private Tensor upstream;
    private boolean transposed;

    @Setup
    public void setup() {
        String[] kind = layer.split(" ");
        String[] sizes = kind[1].split("x");
        int in = Integer.parseInt(sizes[0]);
        int out = Integer.parseInt(sizes[1]);
        int size = Integer.parseInt(sizes[2]);
        transposed = kind[0].equals("convT");
        Generator gen = new Generator(42);
        x = Tensor.randn(gen, 64, in, size, size).requiresGrad(true);
        weight = (transposed ? Tensor.randn(gen, in, out, 4, 4) : Tensor.randn(gen, out, in, 4, 4)).mul(0.02)
                .detach().requiresGrad(true);
        int outSize = transposed ? size * 2 : size / 2;
        upstream = Tensor.randn(gen, 64, out, outSize, outSize);
    }

    @Benchmark
    public Tensor forward() {
        try (ScopedMemory.Scope call = ((ScopedMemory) Backends.cpu()).openScope()) {
            return run();
        }
    }

    @Benchmark
    public Tensor forwardBackward() {
        try (ScopedMemory.Scope call = ((ScopedMemory) Backends.cpu()).openScope()) {
            x.zeroGrad();
            weight.zeroGrad();
            run().mul(upstream).sum().backward();
            return weight.grad();
        }
    }

    private Tensor run() {
        boolean folded = path.equals("folded");
        if (transposed) {
            return folded ? Convolution.convTranspose2d(x, weight, null, S, P, new int[]{0}, D, 1)
                    : perImageTransposed();
        }
        return folded ? Convolution.conv2d(x, weight, null, S, P, D, 1) : perImage();
    }

    private Tensor perImage() {
        Tensor cols = Convolution.im2col(x, K, S, P, D);
        int n = x.size(0), oc = weight.size(0), side = x.size(2) / 2;
        return weight.reshape(oc, -1).matmul(cols).reshape(n, oc, side, side);
    }

    private Tensor perImageTransposed() {
        int n = x.size(0), c = x.size(1), h = x.size(2), oc = weight.size(1);
        Tensor cols = weight.reshape(c, oc * 16).t().matmul(x.reshape(n, c, h * h));
        return Convolution.col2im(cols, new int[]{2 * h, 2 * h}, K, S, P, D);
    }
}
