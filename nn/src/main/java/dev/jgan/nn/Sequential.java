package dev.jgan.nn;

import dev.jgan.core.Tensor;

/** Modules applied one after another; children are named "0", "1", ... as in PyTorch. */
public final class Sequential extends Module {
    private int size;

    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(m);
        }
    }

    /** Appends a module and returns this. */
    public Sequential add(Module module) {
        registerModule(Integer.toString(size), module);
        size++;
        return this;
    }

    /** The module at {@code index} (negative counts from the end). */
    public Module get(int index) {
        int i = index < 0 ? index + size : index;
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("Sequential: index " + index + " is out of range for " + size + " modules");
        }
        return namedChildren().get(Integer.toString(i));
    }

    public int size() {
        return size;
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : namedChildren().values()) {
            x = m.forward(x);
        }
        return x;
    }
}
