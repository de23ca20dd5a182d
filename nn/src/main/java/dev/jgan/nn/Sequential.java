package dev.jgan.nn;

import dev.jgan.core.Tensor;

import java.util.ArrayList;
import java.util.List;

/** Modules applied one after another; children are named "0", "1", ... as in PyTorch. */
public final class Sequential extends Module {
    /** The children in order, kept as a list so that forward and get need no name lookups. */
    private final List<Module> modules = new ArrayList<>();

    public Sequential(Module... layers) {
        for (Module m : layers) {
            add(m);
        }
    }

    /** Appends a module and returns this. */
    public Sequential add(Module module) {
        modules.add(registerModule(Integer.toString(modules.size()), module));
        return this;
    }

    /** The module at {@code index} (negative counts from the end). */
    public Module get(int index) {
        int i = index < 0 ? index + modules.size() : index;
        if (i < 0 || i >= modules.size()) {
            throw new IndexOutOfBoundsException("Sequential: index " + index + " is out of range for " + modules.size()
                    + " modules");
        }
        return modules.get(i);
    }

    public int size() {
        return modules.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module m : modules) {
            x = m.forward(x);
        }
        return x;
    }
}
