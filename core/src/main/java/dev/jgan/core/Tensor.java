package dev.jgan.core;

import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.AutogradMeta;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.autograd.Node;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.Operand;
import dev.jgan.core.backend.Storage;
import dev.jgan.core.ops.Joins;
import dev.jgan.core.ops.LinearAlgebra;
import dev.jgan.core.ops.Losses;
import dev.jgan.core.ops.Pointwise;
import dev.jgan.core.ops.Reductions;
import dev.jgan.core.ops.Softmax;
import dev.jgan.core.ops.Views;
import dev.jgan.core.random.Generator;

import java.util.Arrays;
import java.util.List;

/**
 * An n-dimensional array with a recorded history. A tensor is a view onto a {@link Storage}:
 * {@code shape}, {@code strides} (elements to skip per step along each dim) and {@code offset}
 * say which elements of the storage it shows and in what order, so reshaping, transposing,
 * slicing and broadcasting never copy. Storage and layout together are the tensor's
 * {@link Operand}, which is all that kernels see; the tensor adds the in-place version count and
 * the autograd state.
 *
 * <p>This class is the user-facing surface: every op method delegates to the op family that
 * implements it ({@link Pointwise}, {@link Reductions}, {@link Views}, ...). Names follow
 * PyTorch; in-place updates carry PyTorch's trailing underscore ({@code add_}).
 */
public final class Tensor {
    /** What kernels see: storage and layout, made once with the tensor. */
    private final Operand operand;
    /**
     * How many in-place updates the storage has seen, shared by every view of it. The autodiff
     * engine compares it with the count when a node was recorded, so that a tensor changed in
     * place between forward and backward fails loudly instead of giving a wrong gradient.
     */
    private final int[] version;
    private final AutogradMeta autograd = new AutogradMeta();

    private Tensor(Storage storage, int[] shape, int[] strides, int offset, int[] version) {
        this(new Operand(storage, shape, strides, offset), version);
    }

    private Tensor(Operand operand, int[] version) {
        this.operand = operand;
        this.version = version;
    }

    private Tensor(Storage storage, int[] shape, int[] strides, int offset) {
        this(storage, shape, strides, offset, new int[1]);
    }

    // ======================= creation =======================

    /**
     * torch.as_strided: a new view onto {@code base}'s storage with any shape, strides and offset,
     * sharing its version count. Unchecked (a layout that reaches past the storage is not caught)
     * and unrecorded in the graph: the low-level constructor that view ops build on, unlike the
     * checked, differentiable {@link #view(int...)}.
     */
    public static Tensor asStrided(Tensor base, int[] shape, int[] strides, int offset) {
        return new Tensor(base.storage(), shape.clone(), strides.clone(), offset, base.version);
    }

    /** A fresh contiguous tensor with unspecified contents. Low level: used by ops. */
    public static Tensor empty(Backend backend, DType dtype, int... shape) {
        checkShape("empty", shape);
        return new Tensor(Operand.empty(backend, dtype, shape), new int[1]);
    }

    public static Tensor zeros(int... shape) {
        return zeros(DType.FLOAT32, shape);
    }

    public static Tensor zeros(DType dtype, int... shape) {
        return zeros(Backends.cpu(), dtype, shape);
    }

    public static Tensor zeros(Backend backend, DType dtype, int... shape) {
        return full(backend, dtype, 0.0, shape);
    }

    public static Tensor ones(int... shape) {
        return ones(DType.FLOAT32, shape);
    }

    public static Tensor ones(DType dtype, int... shape) {
        return full(Backends.cpu(), dtype, 1.0, shape);
    }

    public static Tensor full(double value, int... shape) {
        return full(Backends.cpu(), DType.FLOAT32, value, shape);
    }

    public static Tensor full(Backend backend, DType dtype, double value, int... shape) {
        Tensor t = empty(backend, dtype, shape);
        backend.fill(t.operand, value);
        return t;
    }

    public static Tensor zerosLike(Tensor like) {
        return full(like.backend(), like.dtype(), 0.0, like.shape());
    }

    public static Tensor onesLike(Tensor like) {
        return full(like.backend(), like.dtype(), 1.0, like.shape());
    }

    /** A 0-dim tensor (shape []) holding {@code value}, float32 on the CPU. */
    public static Tensor scalar(double value) {
        return full(Backends.cpu(), DType.FLOAT32, value);
    }

    /** A 0-dim tensor with {@code like}'s dtype and device. */
    public static Tensor scalarLike(Tensor like, double value) {
        return full(like.backend(), like.dtype(), value);
    }

    /** 0, 1, ..., n-1 as float32. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** start, start+step, ... below end (above end for a negative step), as float32. */
    public static Tensor arange(double start, double end, double step) {
        return arange(DType.FLOAT32, start, end, step);
    }

    public static Tensor arange(DType dtype, double start, double end, double step) {
        if (step == 0 || Double.isNaN(step)) {
            throw new IllegalArgumentException("arange: step must be non-zero, got " + step);
        }
        if (!Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange: start and end must be finite, got " + start + " and " + end);
        }
        double count = Math.max(0, Math.ceil((end - start) / step));
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arange: " + start + " to " + end + " in steps of " + step + " is "
                    + count + " elements, more than a Java array can hold (" + Integer.MAX_VALUE + ")");
        }
        int n = (int) count;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = start + i * step;
        }
        return fromArray(values, n).to(dtype);
    }

    /** A float32 tensor with these values in row-major order. */
    public static Tensor fromArray(float[] data, int... shape) {
        checkData(data.length, shape);
        return new Tensor(Backends.cpu().fromArray(data), shape.clone(), Shape.contiguousStrides(shape), 0);
    }

    /** A float64 tensor with these values in row-major order. */
    public static Tensor fromArray(double[] data, int... shape) {
        checkData(data.length, shape);
        return new Tensor(Backends.cpu().fromArray(data), shape.clone(), Shape.contiguousStrides(shape), 0);
    }

    /** Uniform numbers in [0, 1), float32. */
    public static Tensor rand(Generator gen, int... shape) {
        return uniform(gen, DType.FLOAT32, 0.0, 1.0, shape);
    }

    /** Standard normal numbers, float32. */
    public static Tensor randn(Generator gen, int... shape) {
        return normal(gen, DType.FLOAT32, 0.0, 1.0, shape);
    }

    public static Tensor uniform(Generator gen, DType dtype, double low, double high, int... shape) {
        return uniform(Backends.cpu(), gen, dtype, low, high, shape);
    }

    public static Tensor uniform(Backend backend, Generator gen, DType dtype, double low, double high, int... shape) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("uniform: low " + low + " must not exceed high " + high);
        }
        Tensor t = empty(backend, dtype, shape);
        backend.philoxUniform(t.operand, gen.seed(), gen.reserve(t.numel()), low, high);
        return t;
    }

    public static Tensor normal(Generator gen, DType dtype, double mean, double std, int... shape) {
        return normal(Backends.cpu(), gen, dtype, mean, std, shape);
    }

    public static Tensor normal(Backend backend, Generator gen, DType dtype, double mean, double std, int... shape) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
        }
        Tensor t = empty(backend, dtype, shape);
        backend.philoxNormal(t.operand, gen.seed(), gen.reserve(t.numel()), mean, std);
        return t;
    }

    private static void checkShape(String op, int[] shape) {
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(op + ": negative size in shape " + Shape.format(shape));
            }
        }
    }

    private static void checkData(int length, int[] shape) {
        checkShape("fromArray", shape);
        if (Shape.numel(shape) != length) {
            throw new IllegalArgumentException("fromArray: " + length + " values do not fill shape " + Shape.format(shape)
                    + " (" + Shape.numel(shape) + " elements)");
        }
    }

    // ======================= layout =======================

    public int[] shape() {
        return operand.shape();
    }

    public int[] strides() {
        return operand.strides();
    }

    public int offset() {
        return operand.offset();
    }

    public int dim() {
        return operand.dim();
    }

    /** Size along dim (negative counts from the end). */
    public int size(int dim) {
        return operand.size(Shape.normalizeDim("size", Shape.requireDims("size", dim, dim()), dim()));
    }

    public int stride(int dim) {
        return operand.stride(Shape.normalizeDim("stride", Shape.requireDims("stride", dim, dim()), dim()));
    }

    public int numel() {
        return operand.numel();
    }

    public DType dtype() {
        return operand.dtype();
    }

    public Storage storage() {
        return operand.storage();
    }

    public Backend backend() {
        return operand.backend();
    }

    public Device device() {
        return operand.device();
    }

    /**
     * What a kernel sees of this tensor: its storage and layout, without autograd state. Ops pass
     * it to the backend; it is made once with the tensor, so asking for it allocates nothing.
     */
    public Operand operand() {
        return operand;
    }

    /**
     * True if the elements are laid out in row-major order with no gaps (dims of size 1 ignored).
     * An empty tensor has no elements out of place, so it is contiguous whatever its strides.
     */
    public boolean isContiguous() {
        return operand.isContiguous();
    }

    /** The in-place update count of this tensor's storage (shared with its views). */
    public int version() {
        return version[0];
    }

    // ======================= reading values =======================

    public double[] toDoubleArray() {
        return backend().toDoubleArray(operand);
    }

    public float[] toFloatArray() {
        return backend().toFloatArray(operand);
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (numel() != 1) {
            throw new IllegalStateException("item: tensor of shape " + Shape.format(shape()) + " has " + numel()
                    + " elements, not one");
        }
        return toDoubleArray()[0];
    }

    /** The element at a full index, e.g. {@code t.get(2, 0)}. */
    public double get(int... index) {
        if (index.length != dim()) {
            throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " has " + index.length
                    + " entries for a tensor of rank " + dim());
        }
        Tensor t = this;
        for (int d = index.length - 1; d >= 0; d--) {
            int size = operand.size(d);
            int i = index[d] < 0 ? index[d] + size : index[d];
            if (i < 0 || i >= size) {
                throw new IndexOutOfBoundsException("get: index " + index[d] + " is out of range for dim " + d
                        + " of size " + size);
            }
            t = asStrided(t, new int[0], new int[0], t.offset() + i * operand.stride(d));
        }
        return t.toDoubleArray()[0];
    }

    /** Element-wise closeness: |a - b| <= atol + rtol |b| everywhere, shapes equal. */
    public boolean allClose(Tensor other, double rtol, double atol) {
        if (!Arrays.equals(shape(), other.shape())) {
            return false;
        }
        double[] a = toDoubleArray();
        double[] b = other.toDoubleArray();
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= atol + rtol * Math.abs(b[i])) && !(a[i] == b[i])) {
                return false;
            }
        }
        return true;
    }

    // ======================= autograd =======================

    /**
     * This tensor's autodiff state, to read: change it through {@link #requiresGrad(boolean)},
     * {@link #setGrad(Tensor)} and {@link #zeroGrad()}; the engine attaches nodes.
     */
    public AutogradMeta autograd() {
        return autograd;
    }

    public boolean requiresGrad() {
        return autograd.requiresGrad();
    }

    /** Marks this leaf as a variable whose gradient backward() should compute. Returns this. */
    public Tensor requiresGrad(boolean value) {
        Autograd.setRequiresGrad(this, "requiresGrad", value);
        return this;
    }

    /** The accumulated gradient of a leaf, or null before any backward(). */
    public Tensor grad() {
        return autograd.grad();
    }

    /** The node that produced this tensor, or null for a leaf. */
    public Node gradFn() {
        return autograd.gradFn();
    }

    public boolean isLeaf() {
        return autograd.isLeaf();
    }

    /** Clears the accumulated gradient (PyTorch's zero_grad(set_to_none=True)). */
    public void zeroGrad() {
        Autograd.setGrad(this, null);
    }

    /**
     * Replaces the accumulated gradient (PyTorch's {@code t.grad = g}); it must have this tensor's
     * shape, dtype and device. Null clears it.
     */
    public void setGrad(Tensor grad) {
        Autograd.setGrad(this, grad);
    }

    /** Backpropagates from a one-element tensor, freeing the graph afterwards. */
    public void backward() {
        Autograd.backward(this, null, false, false);
    }

    /** Backpropagates with a given gradient of this tensor (for non-scalar outputs). */
    public void backward(Tensor gradient) {
        Autograd.backward(this, gradient, false, false);
    }

    /**
     * Backpropagates; {@code retainGraph} keeps the graph for another pass, {@code createGraph}
     * records the backward pass itself so that gradients can be differentiated again.
     */
    public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
        Autograd.backward(this, gradient, retainGraph || createGraph, createGraph);
    }

    /** The same data as a new leaf that records nothing and wants no gradient. */
    public Tensor detach() {
        return new Tensor(operand, version);
    }

    // ======================= views =======================

    public Tensor reshape(int... shape) {
        return Views.reshape(this, shape);
    }

    public Tensor view(int... shape) {
        return Views.view(this, shape);
    }

    public Tensor flatten() {
        return Views.reshape(this, new int[]{-1});
    }

    public Tensor permute(int... dims) {
        return Views.permute(this, dims);
    }

    public Tensor transpose(int dim0, int dim1) {
        return Views.transpose(this, dim0, dim1);
    }

    /** Transpose of a 2-D tensor. */
    public Tensor t() {
        if (dim() != 2) {
            throw new IllegalArgumentException("t: expects a 2-D tensor, got shape " + Shape.format(shape())
                    + "; use transpose(dim0, dim1)");
        }
        return transpose(0, 1);
    }

    public Tensor narrow(int dim, int start, int length) {
        return Views.narrow(this, dim, start, length);
    }

    public Tensor expand(int... shape) {
        return Views.expand(this, shape);
    }

    /** Broadcasts to {@code shape} (no -1 allowed), a view. */
    public Tensor broadcastTo(int... shape) {
        int[] result = Shape.broadcast("broadcastTo", shape(), shape);
        if (!Arrays.equals(result, shape)) {
            throw new IllegalArgumentException("broadcastTo: cannot broadcast " + Shape.format(shape()) + " to "
                    + Shape.format(shape) + ": the two shapes broadcast to " + Shape.format(result) + " instead");
        }
        return Views.expand(this, shape);
    }

    public Tensor squeeze() {
        return Views.squeeze(this);
    }

    public Tensor squeeze(int dim) {
        return Views.squeeze(this, dim);
    }

    public Tensor unsqueeze(int dim) {
        return Views.unsqueeze(this, dim);
    }

    public Tensor contiguous() {
        return Views.contiguous(this);
    }

    /** A contiguous copy that never shares storage with this tensor. */
    public Tensor contiguousCopy() {
        Tensor out = empty(backend(), dtype(), shape());
        backend().copy(operand, out.operand);
        return out;
    }

    public Tensor to(DType dtype) {
        return Views.toDType(this, dtype);
    }

    /** A copy on another device (through the host); this tensor if already there. Not differentiable. */
    public Tensor to(Device device) {
        if (device.equals(device())) {
            return this;
        }
        return to(Backends.forDevice(device));
    }

    /**
     * A contiguous copy on a given backend (through the host); this tensor if it is already
     * there. For backends that no device name reaches, e.g. one GPU backend per matmul kernel
     * in a benchmark. Not differentiable.
     */
    public Tensor to(Backend target) {
        if (target == backend()) {
            return this;
        }
        Storage copy = dtype() == DType.FLOAT32 ? target.fromArray(toFloatArray()) : target.fromArray(toDoubleArray());
        int[] shape = shape();
        return new Tensor(copy, shape, Shape.contiguousStrides(shape), 0);
    }

    // ======================= arithmetic =======================

    public Tensor add(Tensor other) {
        return Pointwise.add(this, other);
    }

    public Tensor add(double value) {
        return Pointwise.add(this, scalarLike(this, value));
    }

    public Tensor sub(Tensor other) {
        return Pointwise.sub(this, other);
    }

    public Tensor sub(double value) {
        return Pointwise.sub(this, scalarLike(this, value));
    }

    public Tensor mul(Tensor other) {
        return Pointwise.mul(this, other);
    }

    public Tensor mul(double value) {
        return Pointwise.mul(this, scalarLike(this, value));
    }

    public Tensor div(Tensor other) {
        return Pointwise.div(this, other);
    }

    public Tensor div(double value) {
        return Pointwise.div(this, scalarLike(this, value));
    }

    public Tensor neg() {
        return Pointwise.neg(this);
    }

    public Tensor pow(double exponent) {
        return Pointwise.pow(this, exponent);
    }

    public Tensor pow(Tensor exponent) {
        return Pointwise.pow(this, exponent);
    }

    public Tensor exp() {
        return Pointwise.exp(this);
    }

    public Tensor log() {
        return Pointwise.log(this);
    }

    public Tensor sqrt() {
        return Pointwise.sqrt(this);
    }

    public Tensor abs() {
        return Pointwise.abs(this);
    }

    public Tensor tanh() {
        return Pointwise.tanh(this);
    }

    public Tensor sigmoid() {
        return Pointwise.sigmoid(this);
    }

    public Tensor relu() {
        return Pointwise.relu(this);
    }

    public Tensor leakyRelu(double negativeSlope) {
        return Pointwise.leakyRelu(this, negativeSlope);
    }

    public Tensor clamp(double min, double max) {
        return Pointwise.clamp(this, min, max);
    }

    public Tensor clampMin(double min) {
        return Pointwise.clamp(this, min, Double.POSITIVE_INFINITY);
    }

    public Tensor clampMax(double max) {
        return Pointwise.clamp(this, Double.NEGATIVE_INFINITY, max);
    }

    public Tensor maximum(Tensor other) {
        return Pointwise.maximum(this, other);
    }

    public Tensor minimum(Tensor other) {
        return Pointwise.minimum(this, other);
    }

    /** cond != 0 ? a : b, with broadcasting. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b) {
        return Pointwise.where(cond, a, b);
    }

    // comparisons: masks of 0 and 1 in this tensor's dtype, never differentiated

    public Tensor gt(Tensor other) {
        return Pointwise.compare("gt", BinaryOp.GT, this, other);
    }

    public Tensor gt(double value) {
        return gt(scalarLike(this, value));
    }

    public Tensor ge(Tensor other) {
        return Pointwise.compare("ge", BinaryOp.GE, this, other);
    }

    public Tensor ge(double value) {
        return ge(scalarLike(this, value));
    }

    public Tensor lt(Tensor other) {
        return Pointwise.compare("lt", BinaryOp.LT, this, other);
    }

    public Tensor lt(double value) {
        return lt(scalarLike(this, value));
    }

    public Tensor le(Tensor other) {
        return Pointwise.compare("le", BinaryOp.LE, this, other);
    }

    public Tensor le(double value) {
        return le(scalarLike(this, value));
    }

    public Tensor eq(Tensor other) {
        return Pointwise.compare("eq", BinaryOp.EQ, this, other);
    }

    public Tensor eq(double value) {
        return eq(scalarLike(this, value));
    }

    // ======================= reductions =======================

    public Tensor sum() {
        return Reductions.sum(this, new int[0], false);
    }

    public Tensor sum(int[] dims, boolean keepDim) {
        return Reductions.sum(this, dims, keepDim);
    }

    public Tensor sum(int dim) {
        return Reductions.sum(this, new int[]{dim}, false);
    }

    public Tensor mean() {
        return Reductions.mean(this, new int[0], false);
    }

    public Tensor mean(int[] dims, boolean keepDim) {
        return Reductions.mean(this, dims, keepDim);
    }

    public Tensor mean(int dim) {
        return Reductions.mean(this, new int[]{dim}, false);
    }

    /** The maximum over all elements. */
    public Tensor max() {
        return Reductions.max(this, new int[0], false);
    }

    public Tensor max(int[] dims, boolean keepDim) {
        return Reductions.max(this, dims, keepDim);
    }

    public Tensor min() {
        return Reductions.min(this, new int[0], false);
    }

    public Tensor min(int[] dims, boolean keepDim) {
        return Reductions.min(this, dims, keepDim);
    }

    /** Unbiased variance over all elements (PyTorch's default correction of 1). */
    public Tensor var() {
        return Reductions.var(this, new int[0], 1, false);
    }

    public Tensor var(int[] dims, boolean keepDim) {
        return Reductions.var(this, dims, 1, keepDim);
    }

    public Tensor var(int[] dims, int correction, boolean keepDim) {
        return Reductions.var(this, dims, correction, keepDim);
    }

    // ======================= linear algebra, softmax, joins, losses =======================

    public Tensor matmul(Tensor other) {
        return LinearAlgebra.matmul(this, other);
    }

    public Tensor softmax(int dim) {
        return Softmax.softmax(this, dim);
    }

    public Tensor logSoftmax(int dim) {
        return Softmax.logSoftmax(this, dim);
    }

    public static Tensor concat(List<Tensor> tensors, int dim) {
        return Joins.concat(tensors, dim);
    }

    public static Tensor stack(List<Tensor> tensors, int dim) {
        return Joins.stack(tensors, dim);
    }

    /** Mean binary cross-entropy of these probabilities against {@code target}. */
    public Tensor binaryCrossEntropy(Tensor target) {
        return Losses.binaryCrossEntropy(this, target, Losses.Reduction.MEAN);
    }

    /** Mean binary cross-entropy of these logits against {@code target}, computed stably. */
    public Tensor binaryCrossEntropyWithLogits(Tensor target) {
        return Losses.binaryCrossEntropyWithLogits(this, target, Losses.Reduction.MEAN);
    }

    public Tensor mseLoss(Tensor target) {
        return Losses.mse(this, target, Losses.Reduction.MEAN);
    }

    // ======================= in-place updates (no graph) =======================

    /**
     * In-place updates are for optimizers and initializers: they refuse to run where they would
     * corrupt a recorded graph.
     */
    private void checkInPlace(String op) {
        if (GradMode.isEnabled() && requiresGrad()) {
            throw new IllegalStateException(op + ": in-place update of a tensor that requires grad while grad mode"
                    + " is on; do it inside try (var s = GradMode.noGrad()) { ... }");
        }
    }

    /** Copies {@code src} (broadcast to this shape) into this tensor. Returns this. */
    public Tensor copy_(Tensor src) {
        checkInPlace("copy_");
        if (!src.device().equals(device())) {
            throw new IllegalArgumentException("copy_: source on " + src.device() + ", destination on " + device());
        }
        backend().copy(Views.broadcastLayout(src, shape()), operand);
        version[0]++;
        return this;
    }

    public Tensor fill_(double value) {
        checkInPlace("fill_");
        backend().fill(operand, value);
        version[0]++;
        return this;
    }

    public Tensor zero_() {
        return fill_(0.0);
    }

    /** this += alpha * other. Returns this. */
    public Tensor add_(Tensor other, double alpha) {
        checkInPlace("add_");
        Tensor scaled = alpha == 1.0 ? other : other.detach().mul(alpha);
        return inPlace("add_", BinaryOp.ADD, scaled);
    }

    public Tensor add_(Tensor other) {
        return add_(other, 1.0);
    }

    /** this += value. Returns this. */
    public Tensor add_(double value) {
        checkInPlace("add_");
        return inPlace("add_", BinaryOp.ADD, scalarLike(this, value));
    }

    public Tensor mul_(double value) {
        checkInPlace("mul_");
        return inPlace("mul_", BinaryOp.MUL, scalarLike(this, value));
    }

    public Tensor mul_(Tensor other) {
        checkInPlace("mul_");
        return inPlace("mul_", BinaryOp.MUL, other);
    }

    private Tensor inPlace(String op, BinaryOp kernel, Tensor other) {
        int[] shape = shape();
        int[] result = Shape.broadcast(op, shape, other.shape());
        if (!Arrays.equals(result, shape)) {
            throw new IllegalArgumentException(op + ": the result shape " + Shape.format(result)
                    + " differs from this tensor's shape " + Shape.format(shape));
        }
        if (other.dtype() != dtype() || !other.device().equals(device())) {
            throw new IllegalArgumentException(op + ": operand is " + other.dtype() + " on " + other.device()
                    + ", this tensor is " + dtype() + " on " + device());
        }
        backend().binary(kernel, operand, Views.broadcastLayout(other, shape), operand);
        version[0]++;
        return this;
    }

    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
