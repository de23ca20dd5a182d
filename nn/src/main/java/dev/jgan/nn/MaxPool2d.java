package dev.jgan.nn;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Pooling;

/** torch.nn.MaxPool2d over [N, C, H, W]; see {@link Pooling#maxPool2d} for how ties share the gradient. */
public final class MaxPool2d extends Module {
    private final int kernel;
    private final int stride;
    private final int padding;

    public MaxPool2d(int kernel, int stride, int padding) {
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
    }

    /** Stride equal to the kernel, no padding: PyTorch's default. */
    public MaxPool2d(int kernel) {
        this(kernel, kernel, 0);
    }

    @Override
    public Tensor forward(Tensor input) {
        return Pooling.maxPool2d(input, new int[]{kernel, kernel}, new int[]{stride, stride}, new int[]{padding, padding});
    }

    @Override
    protected String extraRepr() {
        return "kernel=" + kernel + ", stride=" + stride + ", padding=" + padding;
    }
}
