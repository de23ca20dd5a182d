package dev.jgan.core.backend;

import dev.jgan.core.DType;
import dev.jgan.core.Device;
import dev.jgan.core.Shape;

/**
 * What a kernel sees of an array: a {@link Storage} and the strided layout that picks elements
 * out of it. {@code shape} and {@code strides} (elements to skip per step along each dim) and
 * {@code offset} say which elements of the storage the operand shows and in what order; a
 * stride of 0 repeats one element along a dim (broadcasting, and the output of a reduction seen
 * in its keepdim layout).
 *
 * <p>This is the backend's ground floor, as needle's NDArray and minitorch's TensorData are: no
 * autograd state, no history, no ops. Every user-facing tensor holds one, made once when the
 * tensor is made, and ops hand it to the kernels ({@code tensor.operand()}), so kernels never see
 * the tensor itself. An operand is immutable; what it shows changes only through writes into its
 * storage.
 */
public final class Operand {
    private final Storage storage;
    private final int[] shape;
    private final int[] strides;
    private final int offset;

    /**
     * An operand over {@code storage}. The arrays become the operand's own and are not copied
     * (operands are made once per tensor, on every op's result): pass arrays that nothing else
     * changes. The layout is not checked against the storage's size.
     */
    public Operand(Storage storage, int[] shape, int[] strides, int offset) {
        this.storage = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
    }

    /**
     * A fresh row-major operand with unspecified contents ({@link Backend#allocate}): every
     * tensor's storage starts here, and so does a kernel's temporary copy.
     */
    public static Operand empty(Backend backend, DType dtype, int... shape) {
        return new Operand(backend.allocate(dtype, Shape.numel(shape)), shape.clone(), Shape.contiguousStrides(shape), 0);
    }

    public Storage storage() {
        return storage;
    }

    public DType dtype() {
        return storage.dtype();
    }

    public Backend backend() {
        return storage.backend();
    }

    public Device device() {
        return storage.backend().device();
    }

    /** A copy of the sizes, outermost dim first. */
    public int[] shape() {
        return shape.clone();
    }

    /** A copy of the strides, in elements. */
    public int[] strides() {
        return strides.clone();
    }

    public int offset() {
        return offset;
    }

    /** The number of dims (0 for a single element). */
    public int dim() {
        return shape.length;
    }

    /** The size of dim {@code d}, counted from 0 (kernels index dims plainly; no negative dims). */
    public int size(int d) {
        return shape[d];
    }

    /** The stride of dim {@code d}, counted from 0. */
    public int stride(int d) {
        return strides[d];
    }

    public int numel() {
        return Shape.numel(shape);
    }

    /**
     * True if the elements are laid out in row-major order with no gaps (dims of size 1 ignored).
     * An empty operand has no elements out of place, so it is contiguous whatever its strides.
     */
    public boolean isContiguous() {
        if (numel() == 0) {
            return true;
        }
        int expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1) {
                if (strides[d] != expected) {
                    return false;
                }
                expected *= shape[d];
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "operand " + Shape.format(shape) + " " + dtype() + " strides " + Shape.format(strides) + " offset "
                + offset;
    }
}
