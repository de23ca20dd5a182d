package dev.jgan.core.ops;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.conformance.ConformanceSuite;
import dev.jgan.core.conformance.ConformanceTarget;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The gradient-check registry ({@link OpInfos}) run forward and backward on another backend in
 * float32, against the CPU in float64, as PyTorch's OpInfo tests run every op on every device.
 * Each sample's leaves and a random upstream gradient are made once in float64; the op's output
 * and the gradient of every differentiable leaf are then compared element by element.
 *
 * <p>The tolerance is derived per op and sample rather than fixed per dtype: the same sample run
 * in float32 on the CPU shows how far float32 arithmetic can be from the float64 answer for this
 * op on these values (a sum of many terms, a cancellation, exp of a large argument), and the
 * backend under test may be {@value #ERROR_FACTOR} times as far, plus {@value #ULPS_OF_SCALE} float32 ulps
 * of the largest magnitude in the result. A kernel that computes the wrong thing misses by far more;
 * one that merely sums in another order stays inside.
 */
public abstract class OpInfoConformance extends ConformanceSuite {
    /** How many times the CPU's own float32 error the backend under test may show. */
    static final double ERROR_FACTOR = 4;
    /** A floor of float32 roundings at the result's scale, for samples the CPU happens to get exactly right. */
    static final double ULPS_OF_SCALE = 16;

    Stream<Arguments> targetsAndSamples() {
        return targets().flatMap(t -> OpInfos.all().stream()
                .flatMap(info -> info.samples().stream().map(s -> Arguments.of(t, info, s))));
    }

    @ParameterizedTest(name = "{0}: {1} [{2}]")
    @MethodSource("targetsAndSamples")
    void forwardAndBackwardInFloat32MatchTheCpuInFloat64(ConformanceTarget target, OpInfo info, OpSample sample) {
        Backend backend = target.backend();
        Tensor[] leaves = sample.inputs(info.name());
        Run exact = Run.of(sample, leaves, DType.FLOAT64, null, info);
        Run cpu = Run.of(sample, leaves, DType.FLOAT32, null, info);
        Run device = Run.of(sample, leaves, DType.FLOAT32, backend, info);
        String what = target + ": " + info.name() + " [" + sample.name() + "]";
        assertArrayEquals(exact.values().get(0).shape(), device.values().get(0).shape(), what + ": output shape");
        for (int k = 0; k < exact.values().size(); k++) {
            String which = k == 0 ? "output" : "gradient of input " + exact.leafIndex().get(k - 1);
            compare(what + ": " + which, exact.values().get(k).toDoubleArray(), cpu.values().get(k).toDoubleArray(),
                    device.values().get(k).toDoubleArray());
        }
    }

    /** Each element of {@code device} within the tolerance the CPU's float32 run implies. */
    static void compare(String what, double[] exact, double[] cpu, double[] device) {
        double cpuError = 0;
        double scale = 0;
        for (int i = 0; i < exact.length; i++) {
            if (Double.isFinite(exact[i])) {
                cpuError = Math.max(cpuError, Math.abs(cpu[i] - exact[i]));
                scale = Math.max(scale, Math.abs(exact[i]));
            }
        }
        double tolerance = ERROR_FACTOR * cpuError + ULPS_OF_SCALE * Math.ulp((float) scale);
        for (int i = 0; i < exact.length; i++) {
            double e = exact[i];
            double d = device[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(d)
                    : Double.isInfinite(e) ? e == d
                    : Math.abs(d - e) <= tolerance;
            if (!ok) {
                fail(what + ": element " + i + " is " + d + ", expected " + e + " (float64 on the CPU; float32 on the"
                        + " CPU gives " + cpu[i] + "; tolerance " + tolerance + " from the CPU's float32 error "
                        + cpuError + " at scale " + scale + ")");
            }
        }
    }

    /**
     * One run of a sample in one dtype on one backend (null: the CPU): its output, then the
     * gradient of each differentiable leaf, all read back to the host.
     */
    record Run(List<Tensor> values, List<Integer> leafIndex) {

        static Run of(OpSample sample, Tensor[] exactLeaves, DType dtype, Backend backend, OpInfo info) {
            List<Tensor> leaves = new ArrayList<>();
            for (int i = 0; i < exactLeaves.length; i++) {
                Tensor leaf = exactLeaves[i].detach().to(dtype);
                leaves.add((backend == null ? leaf.contiguousCopy() : leaf.to(backend))
                        .requiresGrad(sample.args().get(i).requiresGrad()));
            }
            Tensor out = sample.fn().apply(leaves);
            List<Tensor> values = new ArrayList<>();
            values.add(out.detach().to(DType.FLOAT64).to(exactLeaves[0].backend()));
            List<Integer> differentiable = new ArrayList<>();
            if (out.requiresGrad()) {
                // The same upstream gradient for every run: drawn in float64 from the sample's seed,
                // in the output's dtype (a conversion op's output need not have its input's).
                Tensor upstream = Tensor.normal(new Generator(sample.seed(info.name()) + 1), DType.FLOAT64, 0, 1,
                        out.shape()).to(out.dtype());
                out.backward(backend == null ? upstream : upstream.to(backend));
                for (int i = 0; i < leaves.size(); i++) {
                    if (sample.args().get(i).requiresGrad()) {
                        Tensor grad = leaves.get(i).grad();
                        values.add(grad == null ? Tensor.zeros(DType.FLOAT64, leaves.get(i).shape())
                                : grad.to(DType.FLOAT64).to(exactLeaves[0].backend()));
                        differentiable.add(i);
                    }
                }
            }
            return new Run(values, differentiable);
        }
    }
}
