package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.Op;
import dev.jgan.core.backend.Operand;

import java.util.Arrays;

/**
 * Ops that change how a storage is read (shape, strides, offset) without copying it, plus
 * contiguous() and to(dtype), which copy only when they must.
 */
public final class Views {
    private Views() {
    }

    // ---- layouts without autograd, for kernels and internal use ----

    /**
     * x's elements stretched to {@code shape} by broadcasting (stride 0 on new or size-1 dims), as
     * a kernel operand: no tensor is made, since only a kernel reads it.
     */
    public static Operand broadcastLayout(Tensor x, int[] shape) {
        if (Arrays.equals(x.shape(), shape)) {
            return x.operand();
        }
        return new Operand(x.storage(), shape.clone(), expandedStrides("expand", x, shape), x.offset());
    }

    /** A fresh contiguous tensor seen with another shape of the same element count. */
    static Tensor layout(Tensor contiguous, int[] shape) {
        return Tensor.asStrided(contiguous, shape, Shape.contiguousStrides(shape), contiguous.offset());
    }

    private static int[] expandedStrides(String op, Tensor x, int[] shape) {
        int lead = shape.length - x.dim();
        if (lead < 0) {
            throw new IllegalArgumentException(op + ": cannot expand " + Shape.format(x.shape()) + " to "
                    + Shape.format(shape) + ", which has fewer dims");
        }
        int[] strides = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            if (d < lead) {
                strides[d] = 0;
                continue;
            }
            int size = x.size(d - lead);
            if (size == shape[d]) {
                strides[d] = x.stride(d - lead);
            } else if (size == 1) {
                strides[d] = 0;
            } else {
                throw new IllegalArgumentException(op + ": cannot expand " + Shape.format(x.shape()) + " to "
                        + Shape.format(shape) + ": size " + size + " at dim " + (d - lead) + " is neither 1 nor " + shape[d]);
            }
        }
        return strides;
    }

    // ---- differentiable views ----

    /** Like torch.reshape: a view when the strides allow it, a copy otherwise. */
    public static Tensor reshape(Tensor x, int[] requested) {
        int[] shape = Shape.inferReshape("reshape", x.shape(), requested);
        int[] strides = viewStrides(x.shape(), x.strides(), shape);
        Tensor source = strides != null ? x : x.contiguous();
        Tensor out = Tensor.asStrided(source, shape, strides != null ? strides : Shape.contiguousStrides(shape), source.offset());
        return Autograd.record(Op.RESHAPE, out, g -> new Tensor[]{g.reshape(x.shape())}, source);
    }

    /** Like torch.view: fails instead of copying when the strides do not allow a view. */
    public static Tensor view(Tensor x, int[] requested) {
        int[] shape = Shape.inferReshape("view", x.shape(), requested);
        int[] strides = viewStrides(x.shape(), x.strides(), shape);
        if (strides == null) {
            throw new IllegalArgumentException("view: cannot view " + Shape.format(x.shape()) + " with strides "
                    + Shape.format(x.strides()) + " as " + Shape.format(shape)
                    + " without copying; use reshape() (which copies) or call contiguous() first");
        }
        Tensor out = Tensor.asStrided(x, shape, strides, x.offset());
        return Autograd.record(Op.RESHAPE, out, g -> new Tensor[]{g.reshape(x.shape())}, x);
    }

    /**
     * Strides that let a tensor of {@code oldShape}/{@code oldStrides} be read as
     * {@code newShape} without copying, or null if there are none. The same algorithm as
     * PyTorch's computeStride: the old dims are grouped into chunks that are contiguous with
     * each other, and each chunk must map onto whole new dims.
     */
    static int[] viewStrides(int[] oldShape, int[] oldStrides, int[] newShape) {
        int[] newStrides = new int[newShape.length];
        if (Shape.numel(oldShape) == 0 || oldShape.length == 0) {
            return Shape.contiguousStrides(newShape);
        }
        int viewD = newShape.length - 1;
        long chunkBaseStride = oldStrides[oldStrides.length - 1];
        long tensorNumel = 1;
        long viewNumel = 1;
        for (int tensorD = oldShape.length - 1; tensorD >= 0; tensorD--) {
            tensorNumel *= oldShape[tensorD];
            boolean chunkEnds = tensorD == 0
                    || (oldShape[tensorD - 1] != 1 && oldStrides[tensorD - 1] != tensorNumel * chunkBaseStride);
            if (chunkEnds) {
                while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
                    newStrides[viewD] = (int) (viewNumel * chunkBaseStride);
                    viewNumel *= newShape[viewD];
                    viewD--;
                }
                if (viewNumel != tensorNumel) {
                    return null;
                }
                if (tensorD > 0) {
                    chunkBaseStride = oldStrides[tensorD - 1];
                    tensorNumel = 1;
                    viewNumel = 1;
                }
            }
        }
        return viewD == -1 ? newStrides : null;
    }

    public static Tensor permute(Tensor x, int[] dims) {
        int rank = x.dim();
        if (dims.length != rank) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(dims) + " has " + dims.length
                    + " dims but the tensor " + Shape.format(x.shape()) + " has " + rank);
        }
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        int[] inverse = new int[rank];
        boolean[] used = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int d = Shape.normalizeDim("permute", dims[i], rank);
            if (used[d]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(dims) + " repeats dim " + dims[i]);
            }
            used[d] = true;
            shape[i] = x.size(d);
            strides[i] = x.stride(d);
            inverse[d] = i;
        }
        Tensor out = Tensor.asStrided(x, shape, strides, x.offset());
        return Autograd.record(Op.PERMUTE, out, g -> new Tensor[]{g.permute(inverse)}, x);
    }

    public static Tensor transpose(Tensor x, int dim0, int dim1) {
        int rank = x.dim();
        int a = Shape.normalizeDim("transpose", dim0, rank);
        int b = Shape.normalizeDim("transpose", dim1, rank);
        if (rank == 0) {
            return permute(x, new int[0]); // as in PyTorch, transposing a scalar's one wrapped dim with itself
        }
        int[] order = new int[rank];
        for (int i = 0; i < rank; i++) {
            order[i] = i;
        }
        order[a] = b;
        order[b] = a;
        return permute(x, order);
    }

    /** The elements start .. start+length-1 along dim, as a view (torch.narrow). */
    public static Tensor narrow(Tensor x, int dim, int start, int length) {
        int d = Shape.normalizeDim("narrow", Shape.requireDims("narrow", dim, x.dim()), x.dim());
        int size = x.size(d);
        if (start < 0 || length < 0 || start + length > size) {
            throw new IllegalArgumentException("narrow: start " + start + " and length " + length
                    + " do not fit in dim " + dim + " of size " + size + " of " + Shape.format(x.shape()));
        }
        int[] shape = x.shape();
        shape[d] = length;
        Tensor out = Tensor.asStrided(x, shape, x.strides(), x.offset() + start * x.stride(d));
        int[] inputShape = x.shape();
        return Autograd.record(Op.NARROW, out, g -> new Tensor[]{sliceBackward(g, inputShape, d, start)}, x);
    }

    /**
     * The gradient of narrow: a zero tensor of the input's shape with {@code g} written into the
     * narrowed window. Differentiable itself (its gradient is narrow again), for create_graph.
     */
    public static Tensor sliceBackward(Tensor g, int[] inputShape, int dim, int start) {
        Tensor out = Tensor.zeros(g.backend(), g.dtype(), inputShape);
        Tensor window = Tensor.asStrided(out, g.shape(), out.strides(), out.offset() + start * out.stride(dim));
        g.backend().copy(g.operand(), window.operand());
        int length = g.size(dim);
        return Autograd.record(Op.SLICE_BACKWARD, out, gg -> new Tensor[]{gg.narrow(dim, start, length)}, g);
    }

    /** Broadcasts to a larger shape without copying; -1 keeps a size (torch.expand). */
    public static Tensor expand(Tensor x, int[] requested) {
        int[] shape = requested.clone();
        int lead = shape.length - x.dim();
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == -1) {
                if (d < lead) {
                    throw new IllegalArgumentException("expand: -1 is not allowed for the new leading dim " + d
                            + " in " + Shape.format(requested));
                }
                shape[d] = x.size(d - lead);
            } else if (shape[d] < 0) {
                throw new IllegalArgumentException("expand: size " + shape[d] + " in " + Shape.format(requested)
                        + " is negative; -1 (keep the size) is the only negative size allowed");
            }
        }
        Tensor out = Tensor.asStrided(x, shape, expandedStrides("expand", x, shape), x.offset());
        return Autograd.record(Op.EXPAND, out, g -> new Tensor[]{Reductions.sumTo(g, x.shape())}, x);
    }

    /** Removes every dim of size 1. */
    public static Tensor squeeze(Tensor x) {
        int n = 0;
        for (int s : x.shape()) {
            if (s != 1) {
                n++;
            }
        }
        int[] shape = new int[n];
        int[] strides = new int[n];
        int j = 0;
        for (int d = 0; d < x.dim(); d++) {
            if (x.size(d) != 1) {
                shape[j] = x.size(d);
                strides[j++] = x.stride(d);
            }
        }
        return squeezed(x, shape, strides);
    }

    /** Removes dim {@code dim} if its size is 1; otherwise returns an equal view, as PyTorch does. */
    public static Tensor squeeze(Tensor x, int dim) {
        int d = Shape.normalizeDim("squeeze", dim, x.dim());
        if (x.dim() == 0 || x.size(d) != 1) {
            return squeezed(x, x.shape(), x.strides());
        }
        return squeezed(x, remove(x.shape(), d), remove(x.strides(), d));
    }

    private static Tensor squeezed(Tensor x, int[] shape, int[] strides) {
        Tensor out = Tensor.asStrided(x, shape, strides, x.offset());
        int[] inputShape = x.shape();
        return Autograd.record(Op.SQUEEZE, out, g -> new Tensor[]{g.reshape(inputShape)}, x);
    }

    /** Inserts a dim of size 1 at {@code dim} (which may equal the rank, to append). */
    public static Tensor unsqueeze(Tensor x, int dim) {
        int rank = x.dim();
        int d = Shape.normalizeDim("unsqueeze", dim, rank + 1);
        int stride = d < rank ? x.stride(d) * x.size(d) : 1;
        Tensor out = Tensor.asStrided(x, insert(x.shape(), d, 1), insert(x.strides(), d, stride), x.offset());
        return Autograd.record(Op.UNSQUEEZE, out, g -> new Tensor[]{g.squeeze(d)}, x);
    }

    /** x itself if already contiguous, else a row-major copy. */
    public static Tensor contiguous(Tensor x) {
        if (x.isContiguous()) {
            return x;
        }
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        x.backend().copy(x.operand(), out.operand());
        return Autograd.record(Op.CONTIGUOUS, out, g -> new Tensor[]{g}, x);
    }

    /** x itself if already of this dtype, else a converted copy. */
    public static Tensor toDType(Tensor x, dev.jgan.core.DType dtype) {
        if (x.dtype() == dtype) {
            return x;
        }
        Tensor out = Tensor.empty(x.backend(), dtype, x.shape());
        x.backend().copy(x.operand(), out.operand());
        dev.jgan.core.DType original = x.dtype();
        return Autograd.record(Op.TO_DTYPE, out, g -> new Tensor[]{g.to(original)}, x);
    }

    private static int[] remove(int[] a, int i) {
        int[] out = new int[a.length - 1];
        System.arraycopy(a, 0, out, 0, i);
        System.arraycopy(a, i + 1, out, i, a.length - i - 1);
        return out;
    }

    private static int[] insert(int[] a, int i, int v) {
        int[] out = new int[a.length + 1];
        System.arraycopy(a, 0, out, 0, i);
        out[i] = v;
        System.arraycopy(a, i, out, i + 1, a.length - i);
        return out;
    }
}
