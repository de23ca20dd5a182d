package dev.jgan.nn.optim;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.backend.FusedOptimizerKernels;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

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
    private double lr;
    private boolean useFusedKernels = true;

    protected Optimizer(String name, List<Tensor> params, double lr) {
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
        setLr(lr);
    }

    public final double lr() {
        return lr;
    }

    /** Changes the learning rate, e.g. from a schedule. */
    public final void setLr(double lr) {
        checkHyperparameter(name, "learning rate", lr, lr >= 0, ">= 0");
        this.lr = lr;
    }

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

    // ======================= state =======================

    /** The state to save: per-parameter tensors (copies), step counts, the settings and the type. */
    public final OptimizerState stateDict() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("type", name);
        metadata.put("lr", Double.toString(lr));
        metadata.putAll(hyperparameters());
        for (int i = 0; i < params.size(); i++) {
            if (steps[i] == 0) {
                continue;
            }
            metadata.put("state." + i + ".step", Long.toString(steps[i]));
            for (Map.Entry<String, Tensor> e : state.get(i).entrySet()) {
                tensors.put("state." + i + "." + e.getKey(), e.getValue().contiguousCopy());
            }
        }
        return new OptimizerState(tensors, metadata);
    }

    /**
     * Restores a state from {@link #stateDict()} of an optimizer of the same type over parameters
     * of the same shapes, settings included (as PyTorch restores its param_groups). Everything is
     * checked before anything changes; tensors are copied to each parameter's device and dtype.
     */
    public final void loadStateDict(OptimizerState saved) {
        String op = name + ".loadStateDict";
        Map<String, String> meta = new TreeMap<>(saved.metadata());
        String type = meta.remove("type");
        if (!name.equals(type)) {
            throw new IllegalArgumentException(op + ": " + (type == null ? "the state has no 'type' entry"
                    : "the state was saved by " + type + ", not " + name));
        }
        double newLr = number(op, meta, "lr");
        meta.remove("lr");
        checkHyperparameter(op, "learning rate", newLr, newLr >= 0, ">= 0");
        long[] newSteps = new long[params.size()];
        Map<String, String> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (e.getKey().startsWith("state.")) {
                int i = paramIndex(op, e.getKey(), "step");
                newSteps[i] = parseLong(op, e.getKey(), e.getValue());
            } else {
                settings.put(e.getKey(), e.getValue());
            }
        }
        // The saved settings decide which state tensors are expected (AMSGrad keeps one more),
        // so they are applied first and put back if the rest of the state does not fit.
        Map<String, String> previous = hyperparameters();
        applyHyperparameters(op, settings);
        List<Map<String, Tensor>> newState;
        try {
            newState = checkedState(op, saved.tensors(), newSteps);
        } catch (IllegalArgumentException e) {
            applyHyperparameters(op, previous);
            throw e;
        }
        lr = newLr;
        System.arraycopy(newSteps, 0, steps, 0, steps.length);
        for (int i = 0; i < params.size(); i++) {
            Map<String, Tensor> own = state.get(i);
            own.clear();
            Tensor p = params.get(i);
            // Own, contiguous copies on the parameter's device: later steps update them in place.
            newState.get(i).forEach((stateName, t) -> own.put(stateName, t.to(p.device()).to(p.dtype()).contiguousCopy()));
        }
    }

    /** The saved tensors grouped by parameter, each checked against the parameter and the step count. */
    private List<Map<String, Tensor>> checkedState(String op, Map<String, Tensor> tensors, long[] newSteps) {
        List<Map<String, Tensor>> newState = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            newState.add(new LinkedHashMap<>());
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String key = e.getKey();
            int i = paramIndex(op, key, null);
            String stateName = key.substring(key.indexOf('.', "state.".length()) + 1);
            if (!stateNames().contains(stateName)) {
                throw new IllegalArgumentException(op + ": unexpected state '" + key + "'; " + name
                        + " with these settings keeps " + stateNames());
            }
            Tensor p = params.get(i);
            if (!Arrays.equals(e.getValue().shape(), p.shape())) {
                throw new IllegalArgumentException(op + ": size mismatch for " + key + ": the state has shape "
                        + Shape.format(e.getValue().shape()) + ", parameter " + i + " has " + Shape.format(p.shape()));
            }
            newState.get(i).put(stateName, e.getValue());
        }
        for (int i = 0; i < params.size(); i++) {
            List<String> expected = newSteps[i] == 0 ? List.of() : stateNames();
            if (!newState.get(i).keySet().equals(Set.copyOf(expected))) {
                throw new IllegalArgumentException(op + ": parameter " + i + " has " + newSteps[i] + " steps and state "
                        + newState.get(i).keySet() + ", expected " + expected);
            }
        }
        return newState;
    }

    // ======================= hyperparameters =======================

    /** This optimizer's settings besides the learning rate, by PyTorch's names, as text. */
    protected abstract Map<String, String> hyperparameters();

    /**
     * Replaces the settings with saved ones, which must have exactly the keys of
     * {@link #hyperparameters()}. Checks everything before changing anything.
     */
    protected abstract void applyHyperparameters(String op, Map<String, String> settings);

    /** Fails naming the keys unless {@code settings} has exactly {@code expected}. */
    protected static void expectKeys(String op, Map<String, String> settings, Set<String> expected) {
        if (!settings.keySet().equals(expected)) {
            throw new IllegalArgumentException(op + ": the saved settings " + new TreeSet<>(settings.keySet())
                    + " differ from the expected " + new TreeSet<>(expected));
        }
    }

    protected static double number(String op, Map<String, String> settings, String key) {
        String text = settings.get(key);
        if (text == null) {
            throw new IllegalArgumentException(op + ": the state has no '" + key + "' entry");
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(op + ": '" + key + "' is '" + text + "', not a number");
        }
    }

    protected static boolean flag(String op, Map<String, String> settings, String key) {
        String text = settings.get(key);
        if (!"true".equals(text) && !"false".equals(text)) {
            throw new IllegalArgumentException(op + ": '" + key + "' is '" + text + "', not true or false");
        }
        return Boolean.parseBoolean(text);
    }

    /** The parameter index in {@code state.<i>.<rest>}, checking the prefix and the range. */
    private int paramIndex(String op, String key, String expectedRest) {
        String[] parts = key.split("\\.", 3);
        boolean shaped = parts.length == 3 && parts[0].equals("state") && (expectedRest == null || parts[2].equals(expectedRest));
        int i = -1;
        if (shaped) {
            try {
                i = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                shaped = false;
            }
        }
        if (!shaped) {
            throw new IllegalArgumentException(op + ": unexpected key '" + key + "'; expected state.<index>."
                    + (expectedRest == null ? "<name>" : expectedRest));
        }
        if (i < 0 || i >= params.size()) {
            throw new IllegalArgumentException(op + ": key '" + key + "' names parameter " + i + ", but this optimizer has "
                    + params.size() + " parameters");
        }
        return i;
    }

    private static long parseLong(String op, String key, String text) {
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(op + ": '" + key + "' is '" + text + "', not a step count");
    }
}
