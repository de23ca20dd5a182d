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
    private BackwardFn backward;

    Node(Op op, List<Tensor> inputs, int[] outputShape, BackwardFn backward) {
        this.op = op;
        this.inputs = inputs;
        this.outputShape = outputShape;
        this.backward = backward;
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
        return backward.apply(gradOutput);
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
