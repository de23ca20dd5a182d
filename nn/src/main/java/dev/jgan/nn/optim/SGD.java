package dev.jgan.nn.optim;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.FusedOptimizerKernels;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight
 * decay, following torch 1.13's single-tensor update exactly:
 * <pre>
 * g = grad + weightDecay * param
 * buf = g (first step) or momentum * buf + (1 - dampening) * g
 * g = g + momentum * buf (Nesterov) or buf
 * param -= lr * g
 * </pre>
 * On a backend with {@link FusedOptimizerKernels} (the CPU and the GPU) the same update runs as one
 * pass, or one kernel, per parameter, with the same bits.
 */
public final class SGD extends Optimizer {
    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;

    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0.0, 0.0, false, 0.0);
    }

    public SGD(List<Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, 0.0, false, 0.0);
    }

    public SGD(List<Tensor> params, double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        super("SGD", params, lr);
        configure("SGD", momentum, dampening, nesterov, weightDecay);
    }

    private void configure(String op, double momentum, double dampening, boolean nesterov, double weightDecay) {
        checkHyperparameter(op, "momentum value", momentum, momentum >= 0, ">= 0");
        checkHyperparameter(op, "weight_decay value", weightDecay, weightDecay >= 0, ">= 0");
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException(op + ": Nesterov momentum requires a momentum and zero dampening, got momentum "
                    + momentum + " and dampening " + dampening);
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, long step) {
        FusedOptimizerKernels fused = fusedKernels(param);
        if (fused != null) {
            Tensor buf = momentum != 0 ? state.get(MOMENTUM_BUFFER) : null;
            boolean firstStep = momentum != 0 && buf == null;
            if (firstStep) {
                // Set to g by the kernel's first step; it must be the optimizer's own tensor.
                buf = Tensor.zerosLike(param);
                state.put(MOMENTUM_BUFFER, buf);
            }
            fused.sgdStep(param, grad, buf, firstStep,
                    new FusedOptimizerKernels.SgdSettings(lr(), momentum, dampening, nesterov, weightDecay));
            return;
        }
        Tensor g = weightDecay != 0 ? grad.add(param.mul(weightDecay)) : grad;
        if (momentum != 0) {
            Tensor buf = state.get(MOMENTUM_BUFFER);
            if (buf == null) {
                // A copy: the buffer is updated in place later and must not alias the gradient.
                buf = g.contiguousCopy();
                state.put(MOMENTUM_BUFFER, buf);
            } else {
                buf.mul_(momentum).add_(g, 1 - dampening);
            }
            g = nesterov ? g.add(buf.mul(momentum)) : buf;
        }
        param.add_(g, -lr());
    }

    @Override
    protected List<String> stateNames() {
        return momentum != 0 ? List.of(MOMENTUM_BUFFER) : List.of();
    }

    @Override
    protected Map<String, String> hyperparameters() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("momentum", Double.toString(momentum));
        out.put("dampening", Double.toString(dampening));
        out.put("nesterov", Boolean.toString(nesterov));
        out.put("weight_decay", Double.toString(weightDecay));
        return out;
    }

    @Override
    protected void applyHyperparameters(String op, Map<String, String> settings) {
        expectKeys(op, settings, hyperparameters().keySet());
        configure(op, number(op, settings, "momentum"), number(op, settings, "dampening"), flag(op, settings, "nesterov"),
                number(op, settings, "weight_decay"));
    }
}
