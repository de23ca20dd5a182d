package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.Device;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.BinaryOp;
import dev.jgan.core.backend.Operand;
import dev.jgan.core.backend.ReduceOp;
import dev.jgan.core.backend.Storage;
import dev.jgan.core.backend.UnaryOp;

/**
 * The CPU kernels under another device's name, so that tests can make tensors that live on
 * "another device" without a GPU and check that ops refuse to mix devices.
 */
public final class RelabeledCpuBackend implements Backend {
    private final Device device;
    private final CpuBackend kernels = new CpuBackend();

    public RelabeledCpuBackend(Device device) {
        this.device = device;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public Storage allocate(DType dtype, int numel) {
        return dtype == DType.FLOAT32 ? new CpuStorage.Floats(this, new float[numel])
                : new CpuStorage.Doubles(this, new double[numel]);
    }

    @Override
    public Storage fromArray(float[] data) {
        return new CpuStorage.Floats(this, data.clone());
    }

    @Override
    public Storage fromArray(double[] data) {
        return new CpuStorage.Doubles(this, data.clone());
    }

    @Override
    public double[] toDoubleArray(Operand t) {
        return kernels.toDoubleArray(t);
    }

    @Override
    public float[] toFloatArray(Operand t) {
        return kernels.toFloatArray(t);
    }

    @Override
    public void fill(Operand out, double value) {
        kernels.fill(out, value);
    }

    @Override
    public void copy(Operand src, Operand dst) {
        kernels.copy(src, dst);
    }

    @Override
    public void unary(UnaryOp op, Operand x, Operand out, double p1, double p2) {
        kernels.unary(op, x, out, p1, p2);
    }

    @Override
    public void binary(BinaryOp op, Operand a, Operand b, Operand out) {
        kernels.binary(op, a, b, out);
    }

    @Override
    public void where(Operand cond, Operand a, Operand b, Operand out) {
        kernels.where(cond, a, b, out);
    }

    @Override
    public void reduce(ReduceOp op, Operand x, boolean[] reduced, Operand out) {
        kernels.reduce(op, x, reduced, out);
    }

    @Override
    public void matmul(Operand a, Operand b, Operand out) {
        kernels.matmul(a, b, out);
    }

    @Override
    public void softmax(Operand x, int dim, boolean log, Operand out) {
        kernels.softmax(x, dim, log, out);
    }

    @Override
    public void philoxUniform(Operand out, long seed, long offset, double low, double high) {
        kernels.philoxUniform(out, seed, offset, low, high);
    }

    @Override
    public void philoxNormal(Operand out, long seed, long offset, double mean, double std) {
        kernels.philoxNormal(out, seed, offset, mean, std);
    }

    @Override
    public void im2col(Operand x, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw, Operand out) {
        kernels.im2col(x, kh, kw, sh, sw, ph, pw, dh, dw, out);
    }

    @Override
    public void col2im(Operand cols, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh,
                       int dw, Operand out) {
        kernels.col2im(cols, c, h, w, kh, kw, sh, sw, ph, pw, dh, dw, out);
    }
}
