package dev.jgan.cuda.driver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The arguments of one kernel launch, in the kernel's parameter order. Each argument has a
 * one-letter code; the emulator compares the codes with the kernel's C++ signature and refuses
 * a mismatch, which is how a wrong argument list is caught before it reaches a real GPU.
 *
 * <p>The struct arguments mirror {@code strided.cuh}: {@link #dims} is {@code Dims} (rank, then
 * sizes), {@link #view} is {@code View} (offset, then strides), {@link #matrix} is
 * {@code Matrix} (offset, row stride, column stride, batch strides); arrays are padded with
 * zeros to {@link #MAX_DIMS}. {@link #conv2d} is conv.cu's {@code Conv2dGeometry}.
 */
public final class KernelArgs {
    /** JGAN_MAX_DIMS of strided.cuh. */
    public static final int MAX_DIMS = 8;

    /**
     * One argument: its code, its value, and its place in CUDA's parameter layout (each
     * parameter at an offset that is a multiple of its alignment).
     */
    public sealed interface Arg permits Int32, Int64, Float32, Float64, Pointer, Struct {
        char code();

        int bytes();

        /** Scalars and pointers align to their size; the int structs to 4. */
        default int alignment() {
            return bytes();
        }
    }

    public record Int32(int value) implements Arg {
        @Override
        public char code() {
            return 'i';
        }

        @Override
        public int bytes() {
            return 4;
        }
    }

    public record Int64(long value) implements Arg {
        @Override
        public char code() {
            return 'l';
        }

        @Override
        public int bytes() {
            return 8;
        }
    }

    public record Float32(float value) implements Arg {
        @Override
        public char code() {
            return 'f';
        }

        @Override
        public int bytes() {
            return 4;
        }
    }

    public record Float64(double value) implements Arg {
        @Override
        public char code() {
            return 'd';
        }

        @Override
        public int bytes() {
            return 8;
        }
    }

    public record Pointer(DeviceMemory memory) implements Arg {
        @Override
        public char code() {
            return 'p';
        }

        @Override
        public int bytes() {
            return 8;
        }
    }

    /** A struct of 32-bit ints passed by value ({@code code} names which struct). */
    public record Struct(char code, int[] words) implements Arg {
        @Override
        public int bytes() {
            return 4 * words.length;
        }

        @Override
        public int alignment() {
            return 4;
        }
    }

    private final List<Arg> args = new ArrayList<>();

    public KernelArgs i32(int value) {
        args.add(new Int32(value));
        return this;
    }

    public KernelArgs i64(long value) {
        args.add(new Int64(value));
        return this;
    }

    public KernelArgs f32(float value) {
        args.add(new Float32(value));
        return this;
    }

    public KernelArgs f64(double value) {
        args.add(new Float64(value));
        return this;
    }

    public KernelArgs ptr(DeviceMemory memory) {
        args.add(new Pointer(memory));
        return this;
    }

    /** A {@code Dims}: the sizes an index walks over. */
    public KernelArgs dims(int[] sizes) {
        int[] words = new int[1 + MAX_DIMS];
        words[0] = sizes.length;
        System.arraycopy(checkRank("Dims", sizes), 0, words, 1, sizes.length);
        args.add(new Struct('D', words));
        return this;
    }

    /** A {@code View}: element offset and strides. */
    public KernelArgs view(int offset, int[] strides) {
        int[] words = new int[1 + MAX_DIMS];
        words[0] = offset;
        System.arraycopy(checkRank("View", strides), 0, words, 1, strides.length);
        args.add(new Struct('V', words));
        return this;
    }

    /** A {@code Matrix}: offset, row and column strides, and the strides of the batch dims. */
    public KernelArgs matrix(int offset, int rowStride, int colStride, int[] batchStrides) {
        int[] words = new int[3 + MAX_DIMS];
        words[0] = offset;
        words[1] = rowStride;
        words[2] = colStride;
        System.arraycopy(checkRank("Matrix", batchStrides), 0, words, 3, batchStrides.length);
        args.add(new Struct('M', words));
        return this;
    }

    /**
     * A {@code Conv2dGeometry}: image size (n, c, h, w), kernel (kh, kw), stride, padding,
     * dilation, and the number of windows along each dim (oh, ow).
     */
    public KernelArgs conv2d(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw,
                             int oh, int ow) {
        args.add(new Struct('C', new int[]{n, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, oh, ow}));
        return this;
    }

    private static int[] checkRank(String struct, int[] values) {
        if (values.length > MAX_DIMS) {
            throw new IllegalArgumentException("kernel argument " + struct + ": " + values.length
                    + " dims " + Arrays.toString(values) + ", but kernels index at most " + MAX_DIMS);
        }
        return values;
    }

    public List<Arg> args() {
        return List.copyOf(args);
    }

    /** The argument codes in order, e.g. {@code "ifDpV"}. */
    public String signature() {
        StringBuilder codes = new StringBuilder();
        for (Arg arg : args) {
            codes.append(arg.code());
        }
        return codes.toString();
    }
}
