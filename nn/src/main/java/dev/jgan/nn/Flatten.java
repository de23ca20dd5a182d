package dev.jgan.nn;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.util.Arrays;

/**
 * Merges dims startDim..endDim into one; by default every dim but the batch dim, turning
 * [N, C, H, W] into [N, C*H*W].
 */
public final class Flatten extends Module {
    private final int startDim;
    private final int endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Tensor forward(Tensor input) {
        int rank = input.dim();
        int start = Shape.normalizeDim("Flatten", startDim, rank);
        int end = Shape.normalizeDim("Flatten", endDim, rank);
        if (start > end) {
            throw new IllegalArgumentException("Flatten: startDim " + startDim + " comes after endDim " + endDim
                    + " for input of shape " + Shape.format(input.shape()));
        }
        int[] shape = input.shape();
        int[] out = new int[rank - (end - start)];
        System.arraycopy(shape, 0, out, 0, start);
        out[start] = Shape.numel(Arrays.copyOfRange(shape, start, end + 1));
        System.arraycopy(shape, end + 1, out, start + 1, rank - end - 1);
        return input.reshape(out);
    }

    @Override
    protected String extraRepr() {
        return "startDim=" + startDim + ", endDim=" + endDim;
    }
}
