package dev.jgan.core.ops;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

/** Operand checks shared by all ops, so every op words its errors the same way. */
final class Checks {
    private Checks() {
    }

    /** Both operands must have one dtype and live on one device. */
    static void compatible(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new IllegalArgumentException(op + ": dtypes " + a.dtype() + " and " + b.dtype()
                    + " differ; convert one first, e.g. b.to(DType." + a.dtype().name() + ")");
        }
        if (!a.device().equals(b.device())) {
            throw new IllegalArgumentException(op + ": tensors on " + a.device() + " and " + b.device()
                    + " cannot be mixed; move one first, e.g. b.to(Device." + (a.device().type().equals("cpu") ? "CPU" : "cuda(0)") + ")");
        }
    }

    static void sameShape(String op, String what, Tensor a, Tensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(op + ": input " + Shape.format(a.shape()) + " and " + what + " "
                    + Shape.format(b.shape()) + " must have the same shape");
        }
    }
}
