package dev.jgan.core.autograd;

import dev.jgan.core.Tensor;

import java.util.List;

/**
 * One recorded operation: which op, which inputs, and how to push a gradient back through it.
 * The output tensor points to its node ({@link Tensor#gradFn()}); the node points to its inputs,
 * so the graph is walked from the loss back to the leaves.
 */
public final class Node {
    private final Op op;
    private final List<Tensor> inputs;
    private final int[] outputShape;
    /** The inputs' and the output's version counts when the op ran (output last). */
    private final int[] versions;
    private final Tensor output;
    private BackwardFn backward;

    Node(Op op, List<Tensor> inputs, Tensor output, BackwardFn backward) {
        this.op = op;
        this.inputs = inputs;
        this.outputShape = output.shape();
        this.output = output.detach();
        this.backward = backward;
        this.versions = new int[inputs.size() + 1];
        for (int i = 0; i < inputs.size(); i++) {
            versions[i] = inputs.get(i).version();
        }
        versions[inputs.size()] = output.version();
    }

    public Op op() {
        return op;
    }

    public List<Tensor> inputs() {
        return inputs;
    }

    public int[] outputShape() {
        return outputShape.clone();
    }

    /** True once a backward pass without retainGraph has dropped the saved tensors. */
    public boolean isReleased() {
        return backward == null;
    }

    Tensor[] applyBackward(Tensor gradOutput) {
        if (backward == null) {
            throw new IllegalStateException("backward: the graph through '" + op.displayName()
                    + "' was already freed by an earlier backward(); pass retainGraph = true to the first"
                    + " backward() if you need to go through the graph twice");
        }
        checkUnmodified();
        return backward.apply(gradOutput);
    }

    /**
     * Backward formulas read the inputs (and some the output) as they were in the forward pass.
     * PyTorch tracks exactly which tensors each formula saves; we check every input and the
     * output, which is stricter but never lets a wrong gradient through.
     */
    private void checkUnmodified() {
        for (int i = 0; i <= inputs.size(); i++) {
            Tensor t = i < inputs.size() ? inputs.get(i) : output;
            if (t.version() != versions[i]) {
                String which = i < inputs.size() ? "input " + i : "the output";
                throw new IllegalStateException("backward: " + which + " of '" + op.displayName() + "' (shape "
                        + dev.jgan.core.Shape.format(t.shape()) + ") was modified in place after the op ran (version "
                        + versions[i] + ", now " + t.version() + "); its gradient would be wrong. Clone it before"
                        + " changing it, or change it after backward()");
            }
        }
    }

    /** Drops the closure and with it every tensor it saved for backward. */
    void release() {
        backward = null;
    }

    @Override
    public String toString() {
        return op.displayName() + "Backward";
    }
}
