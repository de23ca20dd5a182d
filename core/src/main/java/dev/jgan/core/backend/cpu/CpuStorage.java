package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Storage;

/**
 * A Java array on the heap. The reference loops read and write through {@link #get} and
 * {@link #set} in doubles, so one loop serves both dtypes; fast paths use the arrays directly.
 */
public abstract sealed class CpuStorage implements Storage permits CpuStorage.Floats, CpuStorage.Doubles {
    private final Backend backend;

    CpuStorage(Backend backend) {
        this.backend = backend;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    public abstract double get(int i);

    public abstract void set(int i, double v);

    /** float32 storage: a {@code float[]}. */
    public static final class Floats extends CpuStorage {
        public final float[] data;

        Floats(Backend backend, float[] data) {
            super(backend);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        public double get(int i) {
            return data[i];
        }

        @Override
        public void set(int i, double v) {
            data[i] = (float) v;
        }
    }

    /** float64 storage: a {@code double[]}. */
    public static final class Doubles extends CpuStorage {
        public final double[] data;

        Doubles(Backend backend, double[] data) {
            super(backend);
            this.data = data;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public int size() {
            return data.length;
        }

        @Override
        public double get(int i) {
            return data[i];
        }

        @Override
        public void set(int i, double v) {
            data[i] = v;
        }
    }
}
