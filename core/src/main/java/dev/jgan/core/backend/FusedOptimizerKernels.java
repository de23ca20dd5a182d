package dev.jgan.core.backend;

import dev.jgan.core.Shape;

import java.util.Arrays;

/**
 * An optional capability of a {@link Backend}: a whole optimizer update of one parameter tensor
 * in one kernel. Written as tensor ops, an Adam step is about a dozen kernels, each reading and
 * writing every element; fused, it reads param, grad and the state once and writes them once.
 * Optimizers may use it when {@code param.backend() instanceof FusedOptimizerKernels}.
 *
 * <p>The updates are torch 1.13's single-tensor SGD and Adam, computed operation by operation in
 * the parameter's dtype, with every hyperparameter rounded to that dtype first, exactly as the
 * same update written with tensor ops ({@code add_}, {@code mul_}, ...) computes it. So a fused
 * step gives the same bits as the unfused one wherever each operation is correctly rounded (the
 * CPU reference, the CUDA emulator); a GPU may fuse a multiply and an add and differ in the last
 * bit. Every operand has param's shape and dtype; any may be a strided view; state is updated in
 * place. Kernels write storage only, so these updates leave the tensors' in-place version counts
 * ({@code Tensor.version()}) as they were, which an optimizer's updates under no-grad do not need.
 */
public interface FusedOptimizerKernels {

    /**
     * SGD with momentum, dampening, Nesterov momentum and L2 weight decay:
     * <pre>
     * g = grad + weightDecay * param              (only when weightDecay != 0)
     * buf = g                                     (first step)
     * buf = momentum * buf + (1 - dampening) * g  (later steps)
     * g = g + momentum * buf (Nesterov) or buf    (only when momentum != 0)
     * param = param - lr * g
     * </pre>
     */
    record SgdSettings(double lr, double momentum, double dampening, boolean nesterov, double weightDecay) {
    }

    /**
     * Adam with L2 weight decay and optional AMSGrad, bias-corrected at step t (from 1):
     * <pre>
     * g = grad + weightDecay * param              (only when weightDecay != 0)
     * m = beta1 * m + (1 - beta1) * g
     * v = beta2 * v + (1 - beta2) * g * g
     * vMax = max(vMax, v)                         (AMSGrad; vMax replaces v below)
     * denom = sqrt(v) / sqrt(1 - beta2^t) + eps
     * param = param - lr / (1 - beta1^t) * (m / denom)
     * </pre>
     */
    record AdamSettings(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad) {
    }

    /**
     * One SGD step. {@code momentumBuffer} is null exactly when momentum is 0; on the first step
     * ({@code firstStep}) its old contents are ignored and it is set to g.
     */
    void sgdStep(Operand param, Operand grad, Operand momentumBuffer, boolean firstStep, SgdSettings settings);

    /**
     * One Adam step number {@code step} (1 for the first). {@code maxExpAvgSq} is null exactly
     * when AMSGrad is off.
     */
    void adamStep(Operand param, Operand grad, Operand expAvg, Operand expAvgSq, Operand maxExpAvgSq, long step,
                  AdamSettings settings);

    /**
     * Checks the operands of a fused step, naming the op: every operand has param's shape and dtype
     * and lives on param's device. The optional state must be given exactly when it is needed.
     */
    static void checkOperands(String op, Operand param, Operand... others) {
        for (Operand t : others) {
            if (!Arrays.equals(t.shape(), param.shape()) || t.dtype() != param.dtype()
                    || !t.device().equals(param.device())) {
                throw new IllegalArgumentException(op + ": every tensor must match the parameter "
                        + Shape.format(param.shape()) + " " + param.dtype() + " on " + param.device() + ", got "
                        + Shape.format(t.shape()) + " " + t.dtype() + " on " + t.device());
            }
        }
    }

    /** Checks the SGD operands and that the momentum buffer is given exactly when momentum is on. */
    static void checkSgd(Operand param, Operand grad, Operand momentumBuffer, SgdSettings s) {
        if ((momentumBuffer != null) != (s.momentum() != 0)) {
            throw new IllegalArgumentException("sgd step: momentum " + s.momentum() + " needs "
                    + (s.momentum() != 0 ? "a" : "no") + " momentum buffer");
        }
        Operand[] others = momentumBuffer == null ? new Operand[]{grad} : new Operand[]{grad, momentumBuffer};
        checkOperands("sgd step", param, others);
    }

    /** Checks the Adam operands, that maxExpAvgSq is given exactly with AMSGrad, and that step >= 1. */
    static void checkAdam(Operand param, Operand grad, Operand expAvg, Operand expAvgSq, Operand maxExpAvgSq, long step,
                          AdamSettings s) {
        if ((maxExpAvgSq != null) != s.amsgrad()) {
            throw new IllegalArgumentException("adam step: amsgrad " + s.amsgrad() + " needs "
                    + (s.amsgrad() ? "a" : "no") + " maxExpAvgSq tensor");
        }
        if (step < 1) {
            throw new IllegalArgumentException("adam step: step numbers start at 1, got " + step);
        }
        checkOperands("adam step", param, maxExpAvgSq == null ? new Operand[]{grad, expAvg, expAvgSq}
                : new Operand[]{grad, expAvg, expAvgSq, maxExpAvgSq});
    }
}
