package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.Operand;

import java.util.Arrays;

/**
 * How the float32 elements of an elementwise operand line up with the output's row-major order,
 * for the layouts that broadcasting produces most: the whole operand contiguous, one scalar, a
 * row repeated ({@code [1, N]} bias over {@code [M, N]}), each element repeated along a row
 * ({@code [M, 1]} over {@code [M, N]}), or that column itself repeated (a per-channel
 * {@code [1, C, 1, 1]} over {@code [N, C, H, W]}, as batch norm has four times a pass). Every
 * other layout is packed into a contiguous copy.
 *
 * <p>Output element {@code i} lies in block {@code i / period} at place {@code i % period}; the
 * operand's element for it is then {@code data[start(block, place, i)]}.
 *
 * @param period the block length for ROW, COLUMN and CHANNEL, 0 for the layouts that have no blocks
 * @param cycle  for CHANNEL, how many elements the column has before it repeats; 0 otherwise
 */
record DenseOperand(Kind kind, float[] data, int offset, int period, int cycle) {
    enum Kind {
        /** data[offset + i]. */
        CONTIGUOUS,
        /** data[offset] for every i. */
        SCALAR,
        /** data[offset + i % period]: a row of {@code period} elements, repeated. */
        ROW,
        /** data[offset + i / period]: each element repeated {@code period} times. */
        COLUMN,
        /** data[offset + (i / period) % cycle]: a COLUMN of {@code cycle} elements, itself repeated. */
        CHANNEL
    }

    DenseOperand(Kind kind, float[] data, int offset, int period) {
        this(kind, data, offset, period, 0);
    }

    /** The operand as one of the four layouts, packing it when it has none of them. */
    static DenseOperand of(Operand t) {
        if (t.isContiguous()) {
            return contiguous(t);
        }
        float[] data = ((CpuStorage.Floats) t.storage()).data();
        int[] shape = t.shape();
        int[] strides = t.strides();
        // ROW: trailing dims contiguous, all others stride 0. Size-1 dims fit any stride.
        int d = shape.length - 1;
        int expected = 1;
        while (d >= 0 && (shape[d] == 1 || strides[d] == expected)) {
            expected *= shape[d];
            d--;
        }
        if (broadcastAbove(shape, strides, d)) {
            return expected == 1 ? new DenseOperand(Kind.SCALAR, data, t.offset(), 0)
                    : new DenseOperand(Kind.ROW, data, t.offset(), expected);
        }
        // COLUMN: trailing dims stride 0, all others contiguous among themselves.
        d = shape.length - 1;
        int repeat = 1;
        while (d >= 0 && (shape[d] == 1 || strides[d] == 0)) {
            repeat *= shape[d];
            d--;
        }
        expected = 1;
        while (d >= 0 && (shape[d] == 1 || strides[d] == expected)) {
            expected *= shape[d];
            d--;
        }
        if (d < 0) {
            return new DenseOperand(Kind.COLUMN, data, t.offset(), repeat);
        }
        if (broadcastAbove(shape, strides, d)) {
            return new DenseOperand(Kind.CHANNEL, data, t.offset(), repeat, expected);
        }
        return packed(t);
    }

    /** t itself when it is contiguous, else a contiguous copy: for kernels that only take plain arrays. */
    static DenseOperand contiguous(Operand t) {
        return t.isContiguous() ? new DenseOperand(Kind.CONTIGUOUS, ((CpuStorage.Floats) t.storage()).data(), t.offset(), 0)
                : packed(t);
    }

    /** A contiguous copy of t. */
    static DenseOperand packed(Operand t) {
        return new DenseOperand(Kind.CONTIGUOUS, StridedCopy.packed(t), 0, 0);
    }

    private static boolean broadcastAbove(int[] shape, int[] strides, int last) {
        for (int d = 0; d <= last; d++) {
            if (shape[d] != 1 && strides[d] != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A CHANNEL operand whose runs are short, as the ROW it amounts to over one cycle: each of
     * the cycle's elements written out {@code period} times. Batch norm's per-channel scale and
     * shift on 4x4 or 8x8 planes made segments of 16 or 64 elements, one loop with its setup per
     * plane, and such an op took twice the time of a plain add of the same size; as a row, a
     * segment spans every channel of an image. The elements are the same, so are the bits.
     * Other operands, long runs and cycles too long to copy cheaply are returned as they are.
     */
    DenseOperand widened() {
        if (kind != Kind.CHANNEL || period >= SHORT_RUN || (long) period * cycle > MAX_WIDENED_ROW) {
            return this;
        }
        float[] row = new float[period * cycle];
        for (int c = 0; c < cycle; c++) {
            Arrays.fill(row, c * period, (c + 1) * period, data[offset + c]);
        }
        return new DenseOperand(Kind.ROW, row, 0, period * cycle);
    }

    /** CHANNEL runs shorter than this are {@link #widened}: at 16x16 planes (256) the loop setup no longer shows. */
    static final int SHORT_RUN = 128;
    /** The longest row {@link #widened} writes: 64 KiB. */
    static final int MAX_WIDENED_ROW = 1 << 14;

    /** True when the operand's element changes along a block (a vector), false when it stays (a scalar). */
    boolean varies() {
        return kind == Kind.CONTIGUOUS || kind == Kind.ROW;
    }

    /** Position in {@link #data} of the operand's element for output element i, at place of block. */
    int start(int block, int place, int i) {
        return switch (kind) {
            case CONTIGUOUS -> offset + i;
            case SCALAR -> offset;
            case ROW -> offset + place;
            case COLUMN -> offset + block;
            case CHANNEL -> offset + block % cycle;
        };
    }
}
