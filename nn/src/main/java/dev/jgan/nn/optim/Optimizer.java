package dev.jgan.nn.optim;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.backend.FusedOptimizerKernels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Updates parameters from their gradients, as torch.optim: {@code zeroGrad()}, backward, then
 * {@code step()}. Parameters are updated in place under {@link GradMode#noGrad()}, so the
 * module keeps using the same tensors.
 *
 * <p>Each parameter has its own state: named tensors (created at its first step) and a count
 * of the steps it took. A parameter whose gradient is null is skipped and its count does not
 * advance, as in PyTorch. All parameters form one group: one learning rate (changeable, for
 * schedules) and one set of settings, both saved with the state and restored with it.
 */
public abstract class Optimizer {
    private final String name;
    private final List<Tensor> params;
    private final List<Map<String, Tensor>> state = new ArrayList<>();
    private final long[] steps;
    private boolean useFusedKernels = true;

    /** The subclass checks and sets its settings right after. */
    protected Optimizer(String name, List<Tensor> params) {
        this.name = name;
        if (params.isEmpty()) {
            throw new IllegalArgumentException(name + ": got an empty parameter list");
        }
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < params.size(); i++) {
            Tensor p = params.get(i);
            if (!p.isLeaf()) {
                throw new IllegalArgumentException(name + ": parameter " + i + " of shape " + Shape.format(p.shape())
                        + " is not a leaf (it was made by '" + p.gradFn().op().displayName() + "'); only leaves can be optimized");
            }
            if (!seen.add(p)) {
                throw new IllegalArgumentException(name + ": parameter " + i + " of shape " + Shape.format(p.shape())
                        + " appears more than once in the parameter list");
            }
            state.add(new LinkedHashMap<>());
        }
        this.params = List.copyOf(params);
        this.steps = new long[params.size()];
    }

    /** The learning rate of {@link #settings()}. */
    public abstract double lr();

    /** Changes the learning rate, e.g. from a schedule, keeping the other settings. */
    public abstract void setLr(double lr);

    /** Fails with PyTorch's wording when a hyperparameter is out of its range. */
    static void checkHyperparameter(String optimizer, String what, double value, boolean valid, String range) {
        if (!valid) {
            throw new IllegalArgumentException(optimizer + ": invalid " + what + " " + value + " (must be " + range + ")");
        }
    }

    public final List<Tensor> parameters() {
        return params;
    }

    /** Clears every parameter's gradient (set to null, PyTorch's default since 2.0). */
    public final void zeroGrad() {
        for (Tensor p : params) {
            p.zeroGrad();
        }
    }

    /** Updates every parameter that has a gradient. */
    public final void step() {
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (int i = 0; i < params.size(); i++) {
                Tensor p = params.get(i);
                if (p.grad() == null) {
                    continue;
                }
                steps[i]++;
                update(p, p.grad(), state.get(i), steps[i]);
            }
        }
    }

    /**
     * One update of {@code param} in place. {@code state} is this parameter's own map, empty
     * before its first step; {@code step} counts this update (1 on the first).
     */
    protected abstract void update(Tensor param, Tensor grad, Map<String, Tensor> state, long step);

    /**
     * The fused update kernels of {@code param}'s device, or null where the update is written with
     * tensor ops. Every backend of ours fuses: one pass instead of a dozen saves the passes over
     * memory and, on the CPU, about eight parameter-sized temporaries per parameter per step (on
     * a GPU, a dozen launches too). The tensor-op update in each optimizer stays as the readable
     * definition, gives the same bits (see {@link FusedOptimizerKernels}), and runs when fusing
     * is switched off.
     */
    protected final FusedOptimizerKernels fusedKernels(Tensor param) {
        return useFusedKernels && param.backend() instanceof FusedOptimizerKernels fused ? fused : null;
    }

    /**
     * Whether a device's fused update kernels are used (the default). Off, the update is written
     * with tensor ops on every device, the same bits slower: for measuring what fusing saves.
     * Returns this.
     */
    public final Optimizer useFusedKernels(boolean use) {
        this.useFusedKernels = use;
        return this;
    }

    /** The per-parameter tensors this optimizer keeps with its settings, once a parameter has stepped. */
    protected abstract List<String> stateNames();

    // ======================= settings and state =======================

    /**
     * This optimizer's settings, the learning rate included: one record, PyTorch's names in
     * camelCase, which is also what the fused kernels take and what {@link #stateDict()} saves.
     */
    public abstract Record settings();

    /**
     * Checks {@code settings} (a record of this optimizer's own type) with PyTorch's wording,
     * prefixed by {@code op}, and uses them from now on; changes nothing when they are invalid.
     */
    abstract void applySettings(String op, Record settings);

    /** The optimizer's type as its saved state names it ("SGD", "Adam"). */
    final String name() {
        return name;
    }

    /** Each parameter's own state tensors, by parameter index; the codec reads and replaces them. */
    final List<Map<String, Tensor>> perParameterState() {
        return state;
    }

    /** How many steps each parameter took, by parameter index; the codec reads and replaces them. */
    final long[] steps() {
        return steps;
    }

    /** The state to save: per-parameter tensors (copies), step counts, the settings and the type. */
    public final OptimizerState stateDict() {
        return OptimizerStateCodec.encode(this);
    }

    /**
     * Restores a state from {@link #stateDict()} of an optimizer of the same type over parameters
     * of the same shapes, settings included (as PyTorch restores its param_groups). Everything is
     * checked before anything changes; tensors are copied to each parameter's device and dtype.
     */
    public final void loadStateDict(OptimizerState saved) {
        OptimizerStateCodec.decodeInto(this, saved);
    }
}
