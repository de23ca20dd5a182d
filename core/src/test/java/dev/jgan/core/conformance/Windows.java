package dev.jgan.core.conformance;

import dev.jgan.core.ops.ConvGeometry;

/**
 * One im2col/col2im problem: an image of n x c x h x w and a kernel of kh x kw with its stride,
 * padding and dilation per spatial dim; the window counts oh, ow come from {@link ConvGeometry}.
 */
public record Windows(String name, int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {

    public int oh() {
        return ConvGeometry.outputSize("test", h, kh, sh, ph, dh);
    }

    public int ow() {
        return ConvGeometry.outputSize("test", w, kw, sw, pw, dw);
    }

    public int[] imageShape() {
        return new int[]{n, c, h, w};
    }

    public int[] columnsShape() {
        return new int[]{n, c * kh * kw, oh() * ow()};
    }

    @Override
    public String toString() {
        return name;
    }
}
