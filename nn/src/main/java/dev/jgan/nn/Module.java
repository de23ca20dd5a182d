package dev.jgan.nn;

import dev.jgan.core.DType;
import dev.jgan.core.Device;
import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A building block of a network, as PyTorch's {@code nn.Module}: it owns parameters, buffers and
 * child modules, each registered explicitly under a name, and computes {@link #forward}.
 *
 * <p>Names are dotted paths built from registration names, in registration order: a
 * {@code Sequential} registered as {@code net} inside a model gives {@code net.0.weight}. Those
 * names are the keys of {@link #stateDict()}, so a weight file written here loads into the same
 * PyTorch model and back.
 */
public abstract class Module {
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    public abstract Tensor forward(Tensor input);

    // ======================= registration =======================

    /** Makes {@code value} a parameter of this module (it is marked as requiring grad). */
    protected final Parameter registerParameter(String name, Tensor value) {
        checkName("registerParameter", name);
        Parameter p = new Parameter("registerParameter('" + name + "')", value);
        parameters.put(name, p);
        return p;
    }

    /** Makes {@code value} a buffer: saved in the state dict and moved by to(), never learned. */
    protected final Buffer registerBuffer(String name, Tensor value) {
        checkName("registerBuffer", name);
        Buffer b = new Buffer("registerBuffer('" + name + "')", value);
        buffers.put(name, b);
        return b;
    }

    /** Makes {@code module} a child of this one and returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName("registerModule", name);
        if (module == this) {
            throw new IllegalArgumentException("registerModule: a module cannot be its own child ('" + name + "')");
        }
        children.put(name, module);
        return module;
    }

    private void checkName(String op, String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(op + ": name '" + name + "' of " + getClass().getSimpleName()
                    + " must be non-empty and contain no '.', which separates the parts of a state dict key");
        }
        String kind = parameters.containsKey(name) ? "a parameter"
                : buffers.containsKey(name) ? "a buffer"
                : children.containsKey(name) ? "a child module" : null;
        if (kind != null) {
            throw new IllegalArgumentException(op + ": name '" + name + "' of " + getClass().getSimpleName()
                    + " is already taken by " + kind);
        }
    }

    // ======================= traversal =======================

    /**
     * This module (under the name "") and every module below it, each once, depth first in
     * registration order; the order every other traversal follows.
     */
    public final LinkedHashMap<String, Module> namedModules() {
        LinkedHashMap<String, Module> out = new LinkedHashMap<>();
        collectModules("", this, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void collectModules(String prefix, Module m, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(m)) {
            return;
        }
        out.put(prefix, m);
        m.children.forEach((name, child) -> collectModules(qualify(prefix, name), child, out, seen));
    }

    private static String qualify(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** Direct children by registration name, in registration order. */
    public final LinkedHashMap<String, Module> namedChildren() {
        return new LinkedHashMap<>(children);
    }

    public final List<Module> children() {
        return List.copyOf(children.values());
    }

    /**
     * Every parameter below this module by dotted name. A tensor shared by two modules is listed
     * once, under its first name, so an optimizer does not update it twice.
     */
    public final LinkedHashMap<String, Tensor> namedParameters() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((prefix, m) -> m.parameters.forEach((name, p) -> {
            if (seen.add(p.get())) {
                out.put(qualify(prefix, name), p.get());
            }
        }));
        return out;
    }

    /** The tensors of {@link #namedParameters()}: what an optimizer is built from. */
    public final List<Tensor> parameters() {
        return List.copyOf(namedParameters().values());
    }

    public final LinkedHashMap<String, Tensor> namedBuffers() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((prefix, m) -> m.buffers.forEach((name, b) -> {
            if (seen.add(b.get())) {
                out.put(qualify(prefix, name), b.get());
            }
        }));
        return out;
    }

    public final List<Tensor> buffers() {
        return List.copyOf(namedBuffers().values());
    }

    /** Calls {@code fn} on every child (recursively) and then on this module, as PyTorch does. Returns this. */
    public final Module apply(Consumer<Module> fn) {
        for (Module child : children.values()) {
            child.apply(fn);
        }
        fn.accept(this);
        return this;
    }

    // ======================= modes and gradients =======================

    /** Sets training mode (dropout active, batch statistics) on this module and all below. Returns this. */
    public final Module train(boolean mode) {
        training = mode;
        for (Module child : children.values()) {
            child.train(mode);
        }
        return this;
    }

    public final Module train() {
        return train(true);
    }

    /** Evaluation mode: the same as train(false). Returns this. */
    public final Module eval() {
        return train(false);
    }

    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter (PyTorch's zero_grad(set_to_none=True)). */
    public final void zeroGrad() {
        for (Tensor p : parameters()) {
            p.zeroGrad();
        }
    }

    // ======================= state dict =======================

    /**
     * Every parameter and buffer by dotted name: for each module its own parameters, then its
     * own buffers, then its children's entries, as PyTorch orders them. Values share storage with
     * the module but record no graph. A tensor shared by two modules appears under both names.
     */
    public final LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        stateEntries("", (key, holder) -> out.put(key, holder.get().detach()));
        return out;
    }

    /** The state-dict keys of this module with a way to read and replace each tensor. */
    private void stateEntries(String prefix, EntryVisitor visitor) {
        parameters.forEach((name, p) -> visitor.visit(qualify(prefix, name), new Slot(p::get, p::set)));
        buffers.forEach((name, b) -> visitor.visit(qualify(prefix, name), new Slot(b::get, b::set)));
        children.forEach((name, child) -> child.stateEntries(qualify(prefix, name), visitor));
    }

    private interface EntryVisitor {
        void visit(String key, Slot slot);
    }

    /** A parameter or a buffer, seen uniformly by the state-dict and to() code. */
    private record Slot(Supplier<Tensor> getter, Consumer<Tensor> setter) {
        Tensor get() {
            return getter.get();
        }
    }

    /** The keys that {@link #loadStateDict} found missing or unexpected when not strict. */
    public record LoadResult(List<String> missingKeys, List<String> unexpectedKeys) {
    }

    /**
     * Copies tensors from {@code state} into this module's parameters and buffers, in place (so
     * optimizers holding the tensors keep working), converting dtype and device as needed.
     *
     * <p>A shape mismatch is always an error. With {@code strict}, so is a key of this module
     * missing from {@code state} or a key of {@code state} this module does not have. Everything
     * is checked before anything is copied, so a failed load changes nothing.
     *
     * @return the missing and unexpected keys (both empty after a strict load)
     */
    public final LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Map<String, Slot> own = new LinkedHashMap<>();
        stateEntries("", own::put);
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Slot> e : own.entrySet()) {
            Tensor source = state.get(e.getKey());
            if (source == null) {
                missing.add(e.getKey());
            } else if (!Arrays.equals(source.shape(), e.getValue().get().shape())) {
                problems.add("size mismatch for " + e.getKey() + ": the state dict has shape "
                        + Shape.format(source.shape()) + ", this module has " + Shape.format(e.getValue().get().shape()));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String key : state.keySet()) {
            if (!own.containsKey(key)) {
                unexpected.add(key);
            }
        }
        if (strict && !missing.isEmpty()) {
            problems.add("missing keys " + missing);
        }
        if (strict && !unexpected.isEmpty()) {
            problems.add("unexpected keys " + unexpected);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict into " + getClass().getSimpleName() + ": "
                    + String.join("; ", problems));
        }
        try (GradMode.Scope scope = GradMode.noGrad()) {
            own.forEach((key, slot) -> {
                Tensor source = state.get(key);
                if (source != null) {
                    Tensor target = slot.get();
                    target.copy_(source.to(target.device()));
                }
            });
        }
        return new LoadResult(List.copyOf(missing), List.copyOf(unexpected));
    }

    // ======================= conversion =======================

    /**
     * Moves every parameter and buffer (and any gradient) to {@code device}. Parameters become
     * new tensors, so build optimizers after moving the model, as in PyTorch. Returns this.
     */
    public final Module to(Device device) {
        return convert(t -> t.to(device));
    }

    /** Converts every parameter and buffer (and any gradient) to {@code dtype}. Returns this. */
    public final Module to(DType dtype) {
        return convert(t -> t.to(dtype));
    }

    private Module convert(UnaryOperator<Tensor> conversion) {
        Map<Tensor, Tensor> done = new IdentityHashMap<>(); // shared tensors stay shared
        try (GradMode.Scope scope = GradMode.noGrad()) {
            stateEntries("", (key, slot) -> {
                Tensor old = slot.get();
                Tensor converted = done.computeIfAbsent(old, t -> {
                    Tensor moved = conversion.apply(t);
                    if (moved == t) {
                        return t;
                    }
                    moved.requiresGrad(t.requiresGrad());
                    if (t.grad() != null) {
                        moved.setGrad(conversion.apply(t.grad()));
                    }
                    return moved;
                });
                slot.setter().accept(converted);
            });
        }
        return this;
    }

    // ======================= printing =======================

    /** What this module prints inside its parentheses, e.g. {@code inFeatures=4, outFeatures=8}. */
    protected String extraRepr() {
        return "";
    }

    /** The module tree, one child per line, in PyTorch's layout. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName();
        if (children.isEmpty()) {
            return name + "(" + extraRepr() + ")";
        }
        StringBuilder sb = new StringBuilder(name).append("(\n");
        if (!extraRepr().isEmpty()) {
            sb.append("  ").append(extraRepr()).append('\n');
        }
        children.forEach((childName, child) -> sb.append("  (").append(childName).append("): ")
                .append(child.toString().replace("\n", "\n  ")).append('\n'));
        return sb.append(')').toString();
    }
}
