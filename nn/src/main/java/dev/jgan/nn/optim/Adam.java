package dev.jgan.nn.optim;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.FusedOptimizerKernels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 */
public final class Adam extends Optimizer {
    private static final String EXP_AVG = "exp_avg";
    private static final String EXP_AVG_SQ = "exp_avg_sq";
    private static final String MAX_EXP_AVG_SQ = "max_exp_avg_sq";

    private double beta1;
    private double beta2;
    private double eps;
    private double weightDecay;
    private boolean amsgrad;

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999);
    }

    /** DCGAN uses lr 2e-4 with betas (0.5, 0.999). */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2) {
        this(params, lr, beta1, beta2, 1e-8, 0.0, false);
    }

    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        super("Adam", params, lr);
        configure("Adam", beta1, beta2, eps, weightDecay, amsgrad);
    }

    private void configure(String op, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
        checkHyperparameter(op, "epsilon value", eps, eps >= 0, ">= 0");
        checkHyperparameter(op, "beta parameter at index 0:", beta1, beta1 >= 0 && beta1 < 1, "in [0, 1)");
        checkHyperparameter(op, "beta parameter at index 1:", beta2, beta2 >= 0 && beta2 < 1, "in [0, 1)");
        checkHyperparameter(op, "weight_decay value", weightDecay, weightDecay >= 0, ">= 0");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, long step) {
        FusedOptimizerKernels fused = fusedKernels(param);
        if (fused != null) {
            fused.adamStep(param, grad, state.computeIfAbsent(EXP_AVG, k -> Tensor.zerosLike(param)),
                    state.computeIfAbsent(EXP_AVG_SQ, k -> Tensor.zerosLike(param)),
                    amsgrad ? state.computeIfAbsent(MAX_EXP_AVG_SQ, k -> Tensor.zerosLike(param)) : null, step,
                    new FusedOptimizerKernels.AdamSettings(lr(), beta1, beta2, eps, weightDecay, amsgrad));
            return;
        }
        Tensor g = weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        Tensor expAvg = state.computeIfAbsent(EXP_AVG, k -> Tensor.zerosLike(param));
        Tensor expAvgSq = state.computeIfAbsent(EXP_AVG_SQ, k -> Tensor.zerosLike(param));
        expAvg.mul_(beta1).add_(g, 1 - beta1);
        expAvgSq.mul_(beta2).add_(g.mul(g), 1 - beta2);

        double biasCorrection1 = 1 - Math.pow(beta1, step);
        double biasCorrection2 = 1 - Math.pow(beta2, step);
        double stepSize = lr() / biasCorrection1;
        Tensor second = expAvgSq;
        if (amsgrad) {
            Tensor maxExpAvgSq = state.computeIfAbsent(MAX_EXP_AVG_SQ, k -> Tensor.zerosLike(param));
            maxExpAvgSq.copy_(maxExpAvgSq.maximum(expAvgSq));
            second = maxExpAvgSq;
        }
        Tensor denom = second.sqrt().div(Math.sqrt(biasCorrection2)).add(eps);
        param.add_(expAvg.div(denom), -stepSize);
    }

    @Override
    protected List<String> stateNames() {
        List<String> names = new ArrayList<>(List.of(EXP_AVG, EXP_AVG_SQ));
        if (amsgrad) {
            names.add(MAX_EXP_AVG_SQ);
        }
        return names;
    }

    @Override
    protected Map<String, String> hyperparameters() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("beta1", Double.toString(beta1));
        out.put("beta2", Double.toString(beta2));
        out.put("eps", Double.toString(eps));
        out.put("weight_decay", Double.toString(weightDecay));
        out.put("amsgrad", Boolean.toString(amsgrad));
        return out;
    }

    @Override
    protected void applyHyperparameters(String op, Map<String, String> settings) {
        expectKeys(op, settings, hyperparameters().keySet());
        configure(op, number(op, settings, "beta1"), number(op, settings, "beta2"), number(op, settings, "eps"),
                number(op, settings, "weight_decay"), flag(op, settings, "amsgrad"));
    }
}
