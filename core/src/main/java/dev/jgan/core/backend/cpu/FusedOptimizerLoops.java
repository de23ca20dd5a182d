package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.backend.FusedOptimizerKernels;
import dev.jgan.core.backend.FusedOptimizerKernels.AdamSettings;
import dev.jgan.core.backend.FusedOptimizerKernels.SgdSettings;
import dev.jgan.core.backend.Operand;

import java.util.function.DoubleUnaryOperator;

/**
 * The reference loops of {@link FusedOptimizerKernels}: one pass over the elements, each step of
 * the update written as its own operation and rounded to the parameter's dtype, so that the
 * result is bit for bit the update written with tensor ops (each of which rounds its result) and
 * the CUDA kernels (which compute in the dtype). Rounding a double result of +, -, *, / or sqrt
 * of floats to float gives the correctly rounded float result, so the double arithmetic here is
 * float arithmetic in disguise.
 */
final class FusedOptimizerLoops {
    private FusedOptimizerLoops() {
    }

    static void sgd(Operand param, Operand grad, Operand buffer, boolean firstStep, SgdSettings s) {
        FusedOptimizerKernels.checkSgd(param, grad, buffer, s);
        DoubleUnaryOperator r = rounding(param.dtype());
        double weightDecay = r.applyAsDouble(s.weightDecay());
        double momentum = r.applyAsDouble(s.momentum());
        double oneMinusDampening = r.applyAsDouble(1 - s.dampening());
        double negLr = r.applyAsDouble(-s.lr());
        CpuStorage ps = storage(param), gs = storage(grad), bs = buffer == null ? null : storage(buffer);
        int[] pp = StridedIndex.of(param), gp = StridedIndex.of(grad);
        int[] bp = buffer == null ? null : StridedIndex.of(buffer);
        for (int i = 0; i < pp.length; i++) {
            double p = ps.get(pp[i]);
            double g = gs.get(gp[i]);
            if (s.weightDecay() != 0) {
                g = r.applyAsDouble(g + r.applyAsDouble(p * weightDecay));
            }
            if (s.momentum() != 0) {
                double buf = firstStep ? g : r.applyAsDouble(r.applyAsDouble(bs.get(bp[i]) * momentum)
                        + r.applyAsDouble(g * oneMinusDampening));
                bs.set(bp[i], buf);
                g = s.nesterov() ? r.applyAsDouble(g + r.applyAsDouble(buf * momentum)) : buf;
            }
            ps.set(pp[i], r.applyAsDouble(p + r.applyAsDouble(g * negLr)));
        }
    }

    static void adam(Operand param, Operand grad, Operand expAvg, Operand expAvgSq, Operand maxExpAvgSq, long step,
                     AdamSettings s) {
        FusedOptimizerKernels.checkAdam(param, grad, expAvg, expAvgSq, maxExpAvgSq, step, s);
        DoubleUnaryOperator r = rounding(param.dtype());
        double weightDecay = r.applyAsDouble(s.weightDecay());
        double beta1 = r.applyAsDouble(s.beta1());
        double oneMinusBeta1 = r.applyAsDouble(1 - s.beta1());
        double beta2 = r.applyAsDouble(s.beta2());
        double oneMinusBeta2 = r.applyAsDouble(1 - s.beta2());
        // The bias corrections are host scalars, computed in double as the optimizer computes them.
        double biasCorrection1 = 1 - Math.pow(s.beta1(), step);
        double sqrtBiasCorrection2 = r.applyAsDouble(Math.sqrt(1 - Math.pow(s.beta2(), step)));
        double eps = r.applyAsDouble(s.eps());
        double negStepSize = r.applyAsDouble(-(s.lr() / biasCorrection1));
        CpuStorage ps = storage(param), gs = storage(grad), ms = storage(expAvg), vs = storage(expAvgSq);
        CpuStorage xs = maxExpAvgSq == null ? null : storage(maxExpAvgSq);
        int[] pp = StridedIndex.of(param), gp = StridedIndex.of(grad), mp = StridedIndex.of(expAvg);
        int[] vp = StridedIndex.of(expAvgSq), xp = maxExpAvgSq == null ? null : StridedIndex.of(maxExpAvgSq);
        for (int i = 0; i < pp.length; i++) {
            double p = ps.get(pp[i]);
            double g = gs.get(gp[i]);
            if (s.weightDecay() != 0) {
                g = r.applyAsDouble(g + r.applyAsDouble(p * weightDecay));
            }
            double m = r.applyAsDouble(r.applyAsDouble(ms.get(mp[i]) * beta1) + r.applyAsDouble(g * oneMinusBeta1));
            double v = r.applyAsDouble(r.applyAsDouble(vs.get(vp[i]) * beta2)
                    + r.applyAsDouble(r.applyAsDouble(g * g) * oneMinusBeta2));
            ms.set(mp[i], m);
            vs.set(vp[i], v);
            double second = v;
            if (s.amsgrad()) {
                second = Math.max(xs.get(xp[i]), v);
                xs.set(xp[i], second);
            }
            double root = r.applyAsDouble(Math.sqrt(second));
            double denom = r.applyAsDouble(r.applyAsDouble(root / sqrtBiasCorrection2) + eps);
            ps.set(pp[i], r.applyAsDouble(p + r.applyAsDouble(r.applyAsDouble(m / denom) * negStepSize)));
        }
    }

    private static DoubleUnaryOperator rounding(DType dtype) {
        return dtype == DType.FLOAT32 ? v -> (float) v : v -> v;
    }

    private static CpuStorage storage(Operand t) {
        CpuStorage storage = (CpuStorage) t.storage();
        storage.checkLive();
        return storage;
    }
}
