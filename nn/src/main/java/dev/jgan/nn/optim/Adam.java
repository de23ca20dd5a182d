package dev.jgan.nn.optim;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.FusedOptimizerKernels;
import dev.jgan.core.backend.FusedOptimizerKernels.AdamSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba 2015) with L2 weight decay and optional AMSGrad, following torch 1.13's
 * single-tensor update exactly, bias correction included:
 * <pre>
 * g = grad + weightDecay * param
 * m = beta1 * m + (1 - beta1) * g
 * v = beta2 * v + (1 - beta2) * g^2          (AMSGrad: vMax = max(vMax, v), used below for v)
 * param -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * Note that eps is added after the bias correction of v, as PyTorch does. On a backend with
 * {@link FusedOptimizerKernels} (the CPU and the GPU) the same update runs as one pass, or one
 * kernel, per parameter, with the same bits; the tensor ops below are its readable definition.
 * The settings are one {@link AdamSettings} record: the fields here, what the fused kernel takes
 * and what the saved state holds.
 */
public final class Adam extends Optimizer {
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";
    private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private AdamSettings settings;

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999);
    }

    /** DCGAN uses lr 2e-4 with betas (0.5, 0.999). */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2) {
        this(params, lr, beta1, beta2, 1e-8, 0.0, false);
    }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        this(params, new AdamSettings(lr, beta1, beta2, eps, weightDecay, amsgrad));
    }

    public Adam(List<Tensor> params, AdamSettings settings) {
        super("Adam", params);
        this.settings = checked("Adam", settings);
    }

    /** {@code settings} if they are valid, else a failure worded as PyTorch's and prefixed by {@code op}. */
    private static AdamSettings checked(String op, AdamSettings s) {
        checkHyperparameter(op, "learning rate", s.lr(), s.lr() >= 0, ">= 0");
        checkHyperparameter(op, "epsilon value", s.eps(), s.eps() >= 0, ">= 0");
        checkHyperparameter(op, "beta parameter at index 0:", s.beta1(), s.beta1() >= 0 && s.beta1() < 1, "in [0, 1)");
        checkHyperparameter(op, "beta parameter at index 1:", s.beta2(), s.beta2() >= 0 && s.beta2() < 1, "in [0, 1)");
        checkHyperparameter(op, "weight_decay value", s.weightDecay(), s.weightDecay() >= 0, ">= 0");
        return s;
    }

    @Override
    public AdamSettings settings() {
        return settings;
    }

    @Override
    void applySettings(String op, Record settings) {
        this.settings = checked(op, (AdamSettings) settings);
    }

    @Override
    public double lr() {
        return settings.lr();
    }

    @Override
    public void setLr(double lr) {
        AdamSettings s = settings;
        settings = checked("Adam", new AdamSettings(lr, s.beta1(), s.beta2(), s.eps(), s.weightDecay(), s.amsgrad()));
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, long step) {
        FusedOptimizerKernels fused = fusedKernels(param);
        if (fused != null) {
            fused.adamStep(param.operand(), grad.operand(),
                    state.computeIfAbsent(EXP_AVG, k -> Tensor.zerosLike(param)).operand(),
                    state.computeIfAbsent(EXP_AVG_SQ, k -> Tensor.zerosLike(param)).operand(),
                    settings.amsgrad() ? state.computeIfAbsent(MAX_EXP_AVG_SQ, k -> Tensor.zerosLike(param)).operand()
                            : null, step, settings);
            return;
        }
        double beta1 = settings.beta1();
        double beta2 = settings.beta2();
        double weightDecay = settings.weightDecay();
        Tensor g = weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        Tensor expAvg = state.computeIfAbsent(EXP_AVG, k -> Tensor.zerosLike(param));
        Tensor expAvgSq = state.computeIfAbsent(EXP_AVG_SQ, k -> Tensor.zerosLike(param));
        expAvg.mul_(beta1).add_(g, 1 - beta1);
        expAvgSq.mul_(beta2).add_(g.mul(g), 1 - beta2);

        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = lr() / biasCorrection1;
        Tensor second = expAvgSq;
        if (settings.amsgrad()) {
            Tensor maxExpAvgSq = state.computeIfAbsent(MAX_EXP_AVG_SQ, k -> Tensor.zerosLike(param));
            maxExpAvgSq.copy_(maxExpAvgSq.maximum(expAvgSq));
            second = maxExpAvgSq;
        }
        Tensor denom = second.sqrt().div(Math.sqrt(biasCorrection2)).add(settings.eps());
        param.add_(expAvg.div(denom), -stepSize);
    }

    @Override
    protected List<String> stateNames() {
        List<String> names = new ArrayList<>(List.of(EXP_AVG, EXP_AVG_SQ));
        if (settings.amsgrad()) {
            names.add(MAX_EXP_AVG_SQ);
        }
        return names;
    }
}
