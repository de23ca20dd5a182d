package dev.jgan.nn.optim;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An optimizer's state to and from {@link OptimizerState}, the shape a safetensors file holds:
 * text entries {@code type}, the settings by PyTorch's names ({@code lr}, {@code momentum},
 * {@code weight_decay}, ...) and {@code state.<index>.step}, and tensors
 * {@code state.<index>.<name>}. The settings are written from the optimizer's settings record,
 * one entry per component (camelCase becomes PyTorch's snake_case), so the record is the only
 * list of an optimizer's settings. Reading checks everything before anything changes.
 */
final class OptimizerStateCodec {
    private static final String TYPE = "type";
    private static final String LR = "lr";
    private static final String STATE = "state.";

    private OptimizerStateCodec() {
    }

    static OptimizerState encode(Optimizer optimizer) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(TYPE, optimizer.name());
        metadata.putAll(settingsAsText(optimizer.settings()));
        long[] steps = optimizer.steps();
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] == 0) {
                continue;
            }
            metadata.put(STATE + i + ".step", Long.toString(steps[i]));
            for (Map.Entry<String, Tensor> e : optimizer.perParameterState().get(i).entrySet()) {
                tensors.put(STATE + i + "." + e.getKey(), e.getValue().contiguousCopy());
            }
        }
        return new OptimizerState(tensors, metadata);
    }

    static void decodeInto(Optimizer optimizer, OptimizerState saved) {
        String name = optimizer.name();
        String op = name + ".loadStateDict";
        int paramCount = optimizer.parameters().size();
        Map<String, String> meta = new TreeMap<>(saved.metadata());
        String type = meta.remove(TYPE);
        if (!name.equals(type)) {
            throw new IllegalArgumentException(op + ": " + (type == null ? "the state has no 'type' entry"
                    : "the state was saved by " + type + ", not " + name));
        }
        Map<String, String> settingsText = new LinkedHashMap<>();
        long[] newSteps = new long[paramCount];
        for (Map.Entry<String, String> e : meta.entrySet()) {
            if (e.getKey().startsWith(STATE)) {
                int i = paramIndex(op, e.getKey(), "step", paramCount);
                newSteps[i] = parseStepCount(op, e.getKey(), e.getValue());
            } else {
                settingsText.put(e.getKey(), e.getValue());
            }
        }
        Record newSettings = settingsFromText(op, optimizer.settings().getClass(), settingsText);
        // The saved settings decide which state tensors are expected (AMSGrad keeps one more),
        // so they are applied first and put back if the rest of the state does not fit.
        Record previous = optimizer.settings();
        optimizer.applySettings(op, newSettings);
        List<Map<String, Tensor>> newState;
        try {
            newState = checkedState(op, optimizer, saved.tensors(), newSteps);
        } catch (IllegalArgumentException e) {
            optimizer.applySettings(op, previous);
            throw e;
        }
        System.arraycopy(newSteps, 0, optimizer.steps(), 0, newSteps.length);
        for (int i = 0; i < paramCount; i++) {
            Map<String, Tensor> own = optimizer.perParameterState().get(i);
            own.clear();
            Tensor p = optimizer.parameters().get(i);
            // Own, contiguous copies on the parameter's device: later steps update them in place.
            newState.get(i).forEach((stateName, t) -> own.put(stateName, t.to(p.device()).to(p.dtype()).contiguousCopy()));
        }
    }

    // ======================= settings =======================

    /** Each component of a settings record under its PyTorch name, in the record's order. */
    static Map<String, String> settingsAsText(Record settings) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : settings.getClass().getRecordComponents()) {
            out.put(pytorchName(c.getName()), String.valueOf(read(c, settings)));
        }
        return out;
    }

    /**
     * The record of {@code type} that {@code text} describes. Its keys must be exactly the
     * record's components; numbers and flags are parsed strictly, naming the entry that is wrong.
     */
    static Record settingsFromText(String op, Class<? extends Record> type, Map<String, String> text) {
        RecordComponent[] components = type.getRecordComponents();
        Set<String> expected = new LinkedHashSet<>();
        for (RecordComponent c : components) {
            expected.add(pytorchName(c.getName()));
        }
        // lr is reported on its own, as the one setting every optimizer has.
        parseNumber(op, text, LR);
        Set<String> savedOthers = new TreeSet<>(text.keySet());
        savedOthers.remove(LR);
        Set<String> expectedOthers = new TreeSet<>(expected);
        expectedOthers.remove(LR);
        if (!savedOthers.equals(expectedOthers)) {
            throw new IllegalArgumentException(op + ": the saved settings " + savedOthers + " differ from the expected "
                    + expectedOthers);
        }
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int k = 0; k < components.length; k++) {
            String key = pytorchName(components[k].getName());
            types[k] = components[k].getType();
            if (types[k] == double.class) {
                values[k] = parseNumber(op, text, key);
            } else if (types[k] == boolean.class) {
                values[k] = parseFlag(op, text, key);
            } else {
                throw new IllegalStateException(type.getSimpleName() + "." + components[k].getName() + " is a "
                        + types[k].getSimpleName() + "; optimizer settings are numbers and flags");
            }
        }
        try {
            Constructor<? extends Record> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException bad) {
                throw new IllegalArgumentException(op + ": " + bad.getMessage(), bad);
            }
            throw new IllegalStateException(type.getSimpleName() + " could not be made from " + text, e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getSimpleName() + " could not be made from " + text, e);
        }
    }

    /** weightDecay -> weight_decay: the record's Java name as torch.optim spells it. */
    private static String pytorchName(String componentName) {
        return componentName.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record, e);
        }
    }

    private static double parseNumber(String op, Map<String, String> settings, String key) {
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

    private static boolean parseFlag(String op, Map<String, String> settings, String key) {
        String text = settings.get(key);
        if (!"true".equals(text) && !"false".equals(text)) {
            throw new IllegalArgumentException(op + ": '" + key + "' is '" + text + "', not true or false");
        }
        return Boolean.parseBoolean(text);
    }

    // ======================= per-parameter state =======================

    /** The saved tensors grouped by parameter, each checked against the parameter and the step count. */
    private static List<Map<String, Tensor>> checkedState(String op, Optimizer optimizer, Map<String, Tensor> tensors,
                                                          long[] newSteps) {
        List<Tensor> params = optimizer.parameters();
        List<String> stateNames = optimizer.stateNames();
        List<Map<String, Tensor>> newState = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            newState.add(new LinkedHashMap<>());
        }
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String key = e.getKey();
            int i = paramIndex(op, key, null, params.size());
            String stateName = key.substring(key.indexOf('.', STATE.length()) + 1);
            if (!stateNames.contains(stateName)) {
                throw new IllegalArgumentException(op + ": unexpected state '" + key + "'; " + optimizer.name()
                        + " with these settings keeps " + stateNames);
            }
            Tensor p = params.get(i);
            if (!Arrays.equals(e.getValue().shape(), p.shape())) {
                throw new IllegalArgumentException(op + ": size mismatch for " + key + ": the state has shape "
                        + Shape.format(e.getValue().shape()) + ", parameter " + i + " has " + Shape.format(p.shape()));
            }
            newState.get(i).put(stateName, e.getValue());
        }
        for (int i = 0; i < params.size(); i++) {
            List<String> expected = newSteps[i] == 0 ? List.of() : stateNames;
            if (!newState.get(i).keySet().equals(Set.copyOf(expected))) {
                throw new IllegalArgumentException(op + ": parameter " + i + " has " + newSteps[i] + " steps and state "
                        + newState.get(i).keySet() + ", expected " + expected);
            }
        }
        return newState;
    }

    /** The parameter index in {@code state.<i>.<rest>}, checking the prefix and the range. */
    private static int paramIndex(String op, String key, String expectedRest, int paramCount) {
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
        if (i < 0 || i >= paramCount) {
            throw new IllegalArgumentException(op + ": key '" + key + "' names parameter " + i + ", but this optimizer has "
                    + paramCount + " parameters");
        }
        return i;
    }

    private static long parseStepCount(String op, String key, String text) {
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
