package dev.jgan.nn.optim;

import dev.jgan.core.Tensor;
import dev.jgan.core.backend.FusedOptimizerKernels;
import dev.jgan.core.backend.FusedOptimizerKernels.SgdSettings;

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
 * pass, or one kernel, per parameter, with the same bits. The settings are one
 * {@link SgdSettings} record: the fields here, what the fused kernel takes and what the saved
 * state holds.
 */
public final class SGD extends Optimizer {
    private static final String MOMENTUM_BUFFER = "momentum_buffer";

    private SgdSettings settings;

    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0.0, 0.0, false, 0.0);
    }

    public SGD(List<Tensor> params, double lr, double momentum) {
        this(params, lr, momentum, 0.0, false, 0.0);
    }

    public SGD(List<Tensor> params, double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
        this(params, new SgdSettings(lr, momentum, dampening, nesterov, weightDecay));
    }

    public SGD(List<Tensor> params, SgdSettings settings) {
        super("SGD", params);
        this.settings = checked("SGD", settings);
    }

    /** {@code settings} if they are valid, else a failure worded as PyTorch's and prefixed by {@code op}. */
    private static SgdSettings checked(String op, SgdSettings s) {
        checkHyperparameter(op, "learning rate", s.lr(), s.lr() >= 0, ">= 0");
        checkHyperparameter(op, "momentum value", s.momentum(), s.momentum() >= 0, ">= 0");
        checkHyperparameter(op, "weight_decay value", s.weightDecay(), s.weightDecay() >= 0, ">= 0");
        if (s.nesterov() && (s.momentum() <= 0 || s.dampening() != 0)) {
            throw new IllegalArgumentException(op + ": Nesterov momentum requires a momentum and zero dampening, got momentum "
                    + s.momentum() + " and dampening " + s.dampening());
        }
        return s;
    }

    @Override
    public SgdSettings settings() {
        return settings;
    }

    @Override
    void applySettings(String op, Record settings) {
        this.settings = checked(op, (SgdSettings) settings);
    }

    @Override
    public double lr() {
        return settings.lr();
    }

    @Override
    public void setLr(double lr) {
        SgdSettings s = settings;
        settings = checked("SGD", new SgdSettings(lr, s.momentum(), s.dampening(), s.nesterov(), s.weightDecay()));
    }

    @Override
    protected void update(Tensor param, Tensor grad, Map<String, Tensor> state, long step) {
        double momentum = settings.momentum();
        double weightDecay = settings.weightDecay();
        FusedOptimizerKernels fused = fusedKernels(param);
        if (fused != null) {
            Tensor buf = momentum != 0 ? state.get(MOMENTUM_BUFFER) : null;
            boolean firstStep = momentum != 0 && buf == null;
            if (firstStep) {
                // Set to g by the kernel's first step; it must be the optimizer's own tensor.
                buf = Tensor.zerosLike(param);
                state.put(MOMENTUM_BUFFER, buf);
            }
            fused.sgdStep(param.operand(), grad.operand(), buf == null ? null : buf.operand(), firstStep, settings);
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
                buf.mul_(momentum).add_(g, 1 - settings.dampening());
            }
            g = settings.nesterov() ? g.add(buf.mul(momentum)) : buf;
        }
        param.add_(g, -lr());
    }

    @Override
    protected List<String> stateNames() {
        return settings.momentum() != 0 ? List.of(MOMENTUM_BUFFER) : List.of();
    }
}
