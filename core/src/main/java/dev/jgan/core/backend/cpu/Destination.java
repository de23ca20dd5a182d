package dev.jgan.core.backend.cpu;

import dev.jgan.core.backend.Operand;

/**
 * Where a fast path writes a float32 result: straight into the output's array when the output
 * is contiguous, else into a row-major scratch array that {@link #finish} copies into the view.
 */
record Destination(Operand out, float[] data, int offset, boolean direct) {

    static Destination of(Operand out) {
        if (out.isContiguous()) {
            return new Destination(out, ((CpuStorage.Floats) out.storage()).data(), out.offset(), true);
        }
        return new Destination(out, new float[out.numel()], 0, false);
    }

    /** Copies the scratch array into the output view; nothing to do when the output was written directly. */
    void finish() {
        if (!direct) {
            StridedCopy.unpack(data, out);
        }
    }
}
