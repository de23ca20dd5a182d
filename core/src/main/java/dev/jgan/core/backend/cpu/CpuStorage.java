package dev.jgan.core.backend.cpu;

import dev.jgan.core.DType;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.Storage;

/**
 * A Java array on the heap. The reference loops read and write through {@link #get} and
 * {@link #set} in doubles, so one loop serves both dtypes; fast paths use the arrays directly
 * ({@link Floats#data()}).
 *
 * <p>A storage allocated in a {@link CpuMemoryScope} is released when the scope closes: its array
 * goes back to the {@link CpuMemoryPool} and may soon hold another tensor's values, so from then
 * on every kernel that is handed this storage fails ({@link #checkLive}) instead of reading them.
 */
public abstract sealed class CpuStorage implements Storage permits CpuStorage.Floats, CpuStorage.Doubles {
    private final Backend backend;
    private final int size;
    private boolean released;

    CpuStorage(Backend backend, int size) {
        this.backend = backend;
        this.size = size;
    }

    @Override
    public Backend backend() {
        return backend;
    }

    @Override
    public int size() {
        return size;
    }

    public abstract double get(int i);

    public abstract void set(int i, double v);

    /** Fails with a message that says what happened if this storage was released. */
    public final void checkLive() {
        if (released) {
            throw new IllegalStateException("cpu backend: a " + dtype() + " tensor's storage (" + size
                    + " elements) was used after the memory scope it was created in closed and gave its array back"
                    + " to the pool; create what must outlive a scope (a parameter, optimizer state, a result to"
                    + " keep) outside it, or copy it into a tensor created outside it before the scope closes");
        }
    }

    /** Marks this storage released and hands its array over for reuse; the storage no longer holds it. */
    final Object release() {
        checkLive();
        released = true;
        return detachArray();
    }

    abstract Object detachArray();

    /** float32 storage: a {@code float[]}. */
    public static final class Floats extends CpuStorage {
        private float[] data;

        Floats(Backend backend, float[] data) {
            super(backend, data.length);
            this.data = data;
        }

        /** The array; fails once the storage was released. */
        public float[] data() {
            checkLive();
            return data;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT32;
        }

        @Override
        public double get(int i) {
            return data[i];
        }

        @Override
        public void set(int i, double v) {
            data[i] = (float) v;
        }

        @Override
        Object detachArray() {
            float[] array = data;
            data = null;
            return array;
        }
    }

    /** float64 storage: a {@code double[]}. */
    public static final class Doubles extends CpuStorage {
        private double[] data;

        Doubles(Backend backend, double[] data) {
            super(backend, data.length);
            this.data = data;
        }

        /** The array; fails once the storage was released. */
        public double[] data() {
            checkLive();
            return data;
        }

        @Override
        public DType dtype() {
            return DType.FLOAT64;
        }

        @Override
        public double get(int i) {
            return data[i];
        }

        @Override
        public void set(int i, double v) {
            data[i] = v;
        }

        @Override
        Object detachArray() {
            double[] array = data;
            data = null;
            return array;
        }
    }
}
