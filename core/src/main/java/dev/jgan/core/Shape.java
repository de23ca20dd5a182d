package dev.jgan.core;

import java.util.Arrays;

/**
 * Arithmetic on shapes and strides. Every formula about shapes that more than one op needs is
 * written here once.
 */
public final class Shape {
    private Shape() {
    }

    /** Number of elements of a tensor of this shape (1 for a scalar of shape []). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("shape " + format(shape) + " has " + n
                    + " elements, more than a Java array can hold (" + Integer.MAX_VALUE + ")");
        }
        return (int) n;
    }

    /** Row-major (C order) strides for a contiguous tensor of this shape. */
    public static int[] contiguousStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int s = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = s;
            s *= Math.max(shape[d], 1);
        }
        return strides;
    }

    /**
     * Turns a possibly negative dim (-1 is the last) into an index, or fails naming the op. As in
     * PyTorch, a 0-d tensor counts as having one dim here, so dim 0 and -1 name it (and 0 comes
     * back): a reduction or softmax over that dim works on its one element. Callers that index
     * the shape with the result must treat rank 0 themselves.
     */
    public static int normalizeDim(String op, int dim, int rank) {
        int wrapped = Math.max(rank, 1);
        int d = dim < 0 ? dim + wrapped : dim;
        if (d < 0 || d >= wrapped) {
            throw new IllegalArgumentException(op + ": dim " + dim + " is out of range for a tensor of rank " + rank
                    + " (expected " + (-wrapped) + " .. " + (wrapped - 1) + ")");
        }
        return d;
    }

    /**
     * {@code dim} unchanged if the tensor has dims to index; for a 0-d tensor, whose one wrapped
     * dim has no size or stride, the error PyTorch gives.
     */
    public static int requireDims(String op, int dim, int rank) {
        if (rank == 0) {
            throw new IllegalArgumentException(op + ": dim " + dim + " given, but a 0-d tensor has no dims");
        }
        return dim;
    }

    /**
     * Normalizes a list of dims and rejects repeats. An empty list means every dim. For a 0-d
     * tensor the mask is empty whatever the (valid) dims: there is nothing to reduce over.
     */
    public static boolean[] dimMask(String op, int[] dims, int rank) {
        boolean[] mask = new boolean[Math.max(rank, 1)];
        if (dims.length == 0) {
            Arrays.fill(mask, true);
            return Arrays.copyOf(mask, rank);
        }
        for (int dim : dims) {
            int d = normalizeDim(op, dim, rank);
            if (mask[d]) {
                throw new IllegalArgumentException(op + ": dim " + dim + " appears more than once in " + Arrays.toString(dims));
            }
            mask[d] = true;
        }
        return Arrays.copyOf(mask, rank);
    }

    /** The shape after reducing the masked dims: kept as size 1, or removed. */
    public static int[] reduced(int[] shape, boolean[] mask, boolean keepDim) {
        int kept = 0;
        for (int d = 0; d < shape.length; d++) {
            if (!mask[d] || keepDim) {
                kept++;
            }
        }
        int[] out = new int[kept];
        int j = 0;
        for (int d = 0; d < shape.length; d++) {
            if (!mask[d]) {
                out[j++] = shape[d];
            } else if (keepDim) {
                out[j++] = 1;
            }
        }
        return out;
    }

    /**
     * The NumPy/PyTorch broadcast of two shapes: align on the right; each pair of sizes must be
     * equal or one of them 1.
     */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + format(a) + " and " + format(b)
                        + " cannot be broadcast: sizes " + da + " and " + db + " at dim " + i
                        + " (counted in the broadcast shape) differ and neither is 1");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Resolves one -1 in a requested shape, checking the element count. */
    public static int[] inferReshape(String op, int[] from, int[] to) {
        int known = 1;
        int free = -1;
        for (int d = 0; d < to.length; d++) {
            if (to[d] == -1) {
                if (free >= 0) {
                    throw new IllegalArgumentException(op + ": only one dim may be -1 in " + format(to));
                }
                free = d;
            } else if (to[d] < 0) {
                throw new IllegalArgumentException(op + ": negative size " + to[d] + " in " + format(to));
            } else {
                known *= to[d];
            }
        }
        int n = numel(from);
        int[] out = to.clone();
        if (free >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException(op + ": cannot reshape " + format(from) + " (" + n
                        + " elements) into " + format(to));
            }
            out[free] = n / known;
        } else if (known != n) {
            throw new IllegalArgumentException(op + ": cannot reshape " + format(from) + " (" + n
                    + " elements) into " + format(to) + " (" + known + " elements)");
        }
        return out;
    }

    /** Formats a shape the way error messages and the DOT export print it: {@code [64, 100]}. */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }
}
