package dev.jgan.cuda;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.conformance.Expect;
import dev.jgan.core.ops.Convolution;
import dev.jgan.core.ops.Normalization;
import dev.jgan.core.ops.Pooling;
import dev.jgan.core.ops.Resampling;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The image ops of core, which are built from backend kernels (im2col, col2im, matmul,
 * reductions, elementwise), forward and backward on a CUDA backend against the same computation
 * on the CPU: conv2d (strided, padded, dilated, grouped), conv_transpose2d, max and average
 * pooling, nearest upsampling and batch norm. Each output is reduced against fixed random
 * weights, so every element of every input gradient is exercised.
 */
class ConvolutionOpsOnCudaTest {
    static Stream<Arguments> targetsAndDtypes() {
        return Targets.all().flatMap(t -> Stream.of(Arguments.of(t, DType.FLOAT32), Arguments.of(t, DType.FLOAT64)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void conv2dStridedPaddedDilatedWithBias(ConformanceTarget target, DType dtype) {
        compare("conv2d", target.backend(), dtype, in -> Convolution.conv2d(in.get(0), in.get(1), in.get(2),
                new int[]{2, 1}, new int[]{1, 0}, new int[]{1, 2}, 1),
                new int[]{2, 3, 9, 7}, new int[]{4, 3, 3, 2}, new int[]{4});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void conv2dGroupedWithoutBias(ConformanceTarget target, DType dtype) {
        compare("grouped conv2d", target.backend(), dtype, in -> Convolution.conv2d(in.get(0), in.get(1), null,
                new int[]{1}, new int[]{2}, new int[]{2}, 2), new int[]{1, 4, 6, 6}, new int[]{6, 2, 3, 3});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void convTranspose2dWithOutputPadding(ConformanceTarget target, DType dtype) {
        compare("conv_transpose2d", target.backend(), dtype, in -> Convolution.convTranspose2d(in.get(0), in.get(1),
                in.get(2), new int[]{2}, new int[]{1}, new int[]{1, 0}, new int[]{1}, 1),
                new int[]{2, 4, 4, 5}, new int[]{4, 3, 4, 4}, new int[]{3});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void poolingAndUpsampling(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        compare("max_pool2d", backend, dtype, in -> Pooling.maxPool2d(in.get(0), new int[]{3}, new int[]{2}, new int[]{1}),
                new int[]{2, 3, 7, 6});
        compare("avg_pool2d", backend, dtype, in -> Pooling.avgPool2d(in.get(0), new int[]{2, 3}, null, new int[]{0}),
                new int[]{2, 3, 7, 6});
        compare("upsample_nearest2d", backend, dtype, in -> Resampling.upsampleNearest2d(in.get(0), 2), new int[]{1, 2, 3, 4});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("targetsAndDtypes")
    void batchNormTrainingUpdatesTheRunningStatistics(ConformanceTarget target, DType dtype) {
        Backend backend = target.backend();
        Tensor cpuMean = Tensor.zeros(dtype, 3);
        Tensor cpuVar = Tensor.ones(dtype, 3);
        Tensor devMean = cpuMean.to(backend);
        Tensor devVar = cpuVar.to(backend);
        // The running statistics of the side (CPU or CUDA) that the inputs live on.
        Map<Backend, Tensor[]> running = Map.of(cpuMean.backend(), new Tensor[]{cpuMean, cpuVar},
                backend, new Tensor[]{devMean, devVar});
        compare("batch_norm", backend, dtype, in -> {
            Tensor[] stats = running.get(in.get(0).backend());
            return Normalization.batchNorm(in.get(0), stats[0], stats[1], in.get(1), in.get(2), true, 0.1, 1e-5);
        }, new int[]{4, 3, 5, 5}, new int[]{3}, new int[]{3});
        Expect.close("running mean", cpuMean.toDoubleArray(), devMean.toDoubleArray(), rtol(dtype), atol(dtype));
        Expect.close("running var", cpuVar.toDoubleArray(), devVar.toDoubleArray(), rtol(dtype), atol(dtype));
    }

    /**
     * Runs {@code f} on random inputs of the given shapes on the CPU and on {@code backend},
     * backpropagates sum(f(inputs) * weights) and compares the outputs and every input gradient.
     */
    private static void compare(String what, Backend backend, DType dtype, Function<List<Tensor>, Tensor> f,
                                int[]... shapes) {
        Generator gen = new Generator(7);
        List<Tensor> cpu = new ArrayList<>();
        List<Tensor> dev = new ArrayList<>();
        for (int[] shape : shapes) {
            Tensor t = Tensor.normal(gen, dtype, 0, 1, shape);
            cpu.add(t.requiresGrad(true));
            dev.add(t.detach().to(backend).requiresGrad(true));
        }
        Tensor cpuOut = f.apply(cpu);
        Tensor devOut = f.apply(dev);
        Tensor weights = Tensor.normal(gen, dtype, 0, 1, cpuOut.shape());
        cpuOut.mul(weights).sum().backward();
        devOut.mul(weights.to(backend)).sum().backward();
        String on = " on " + backend + ", " + dtype;
        Expect.close(what + " output" + on, cpuOut.toDoubleArray(), devOut.toDoubleArray(), rtol(dtype), atol(dtype));
        for (int i = 0; i < shapes.length; i++) {
            Expect.close(what + " gradient of input " + i + on, cpu.get(i).grad().toDoubleArray(),
                    dev.get(i).grad().toDoubleArray(), rtol(dtype), atol(dtype));
        }
    }

    /** Sums of a few hundred products in a different order: float32 to about 1e-5 relative. */
    private static double rtol(DType dtype) {
        return dtype == DType.FLOAT32 ? 1e-4 : 1e-11;
    }

    private static double atol(DType dtype) {
        return dtype == DType.FLOAT32 ? 1e-4 : 1e-11;
    }
}
