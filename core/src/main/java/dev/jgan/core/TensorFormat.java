package dev.jgan.core;

import java.util.Locale;

/**
 * Prints tensors the way PyTorch does: nested brackets, and for large tensors only the first
 * and last three entries of each dim with "..." between.
 */
final class TensorFormat {
    private static final int SUMMARIZE_ABOVE = 1000;
    private static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        double[] values = t.toDoubleArray();
        StringBuilder sb = new StringBuilder("tensor(");
        boolean summarize = values.length > SUMMARIZE_ABOVE;
        appendDim(sb, values, t.shape(), Shape.contiguousStrides(t.shape()), 0, 0, summarize, 7);
        sb.append(", shape=").append(Shape.format(t.shape())).append(", dtype=").append(t.dtype());
        if (!t.device().equals(Device.CPU)) {
            sb.append(", device=").append(t.device());
        }
        if (t.gradFn() != null) {
            sb.append(", grad_fn=").append(t.gradFn());
        } else if (t.requiresGrad()) {
            sb.append(", requires_grad=true");
        }
        return sb.append(')').toString();
    }

    private static void appendDim(StringBuilder sb, double[] values, int[] shape, int[] strides, int dim, int base,
                                  boolean summarize, int indent) {
        if (dim == shape.length) {
            sb.append(number(values[base]));
            return;
        }
        sb.append('[');
        int n = shape[dim];
        for (int i = 0; i < n; i++) {
            if (summarize && n > 2 * EDGE && i == EDGE) {
                sb.append("...");
                i = n - EDGE - 1;
                sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(indent + dim + 1));
                continue;
            }
            appendDim(sb, values, shape, strides, dim + 1, base + i * strides[dim], summarize, indent);
            if (i < n - 1) {
                sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(indent + dim + 1));
            }
        }
        sb.append(']');
    }

    /** Locale.ROOT: under the default locale some machines print "1,0", which reads as two numbers. */
    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
