package dev.jgan.nn.io;

import dev.jgan.core.Tensor;
import dev.jgan.nn.Module;
import dev.jgan.nn.optim.Optimizer;
import dev.jgan.nn.optim.OptimizerState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Models and optimizers saved together in one safetensors file, so that training can resume
 * exactly. Each component is stored under its name: the module registered as "generator" gives
 * tensors {@code generator.net.0.weight}, the optimizer "optimizer" gives tensors
 * {@code optimizer.state.0.exp_avg} and metadata {@code optimizer.state.0.step},
 * {@code optimizer.lr}, {@code optimizer.type}. Other metadata (an epoch, a seed) is the
 * caller's and is returned by {@link #load}.
 *
 * <p>Loading is strict: every key of every component must be present with its shape, and
 * every key of the file must belong to a component. Each component checks its part before
 * copying; if a later component fails, the earlier ones already hold the loaded values.
 */
public final class Checkpoint {
    private Checkpoint() {
    }

    /** One model and its optimizer, under the names "model" and "optimizer". */
    public static void save(Path file, Module model, Optimizer optimizer) throws IOException {
        save(file, Map.of("model", model), Map.of("optimizer", optimizer), Map.of());
    }

    public static void load(Path file, Module model, Optimizer optimizer) throws IOException {
        load(file, Map.of("model", model), Map.of("optimizer", optimizer));
    }

    public static void save(Path file, Map<String, Module> modules, Map<String, Optimizer> optimizers,
                            Map<String, String> metadata) throws IOException {
        checkNames(file, modules, optimizers);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> meta = new LinkedHashMap<>();
        modules.forEach((name, m) -> m.stateDict().forEach((key, t) -> tensors.put(name + "." + key, t)));
        optimizers.forEach((name, opt) -> {
            OptimizerState state = opt.stateDict();
            state.tensors().forEach((key, t) -> tensors.put(name + "." + key, t));
            state.metadata().forEach((key, value) -> meta.put(name + "." + key, value));
        });
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            if (ownerOf(e.getKey(), modules, optimizers) != null) {
                throw new IllegalArgumentException(file + ": metadata key '" + e.getKey() + "' would be read back as part of '"
                        + ownerOf(e.getKey(), modules, optimizers) + "'; choose a key outside the component names");
            }
            meta.put(e.getKey(), e.getValue());
        }
        SafeTensorsWriter.write(file, tensors, meta);
    }

    /**
     * Loads every component from {@code file} and returns the metadata that belongs to none.
     * Problems with the content are IllegalArgumentExceptions that name the file.
     */
    public static Map<String, String> load(Path file, Map<String, Module> modules, Map<String, Optimizer> optimizers)
            throws IOException {
        checkNames(file, modules, optimizers);
        SafeTensorsFile contents = SafeTensorsReader.read(file);
        List<String> strays = new ArrayList<>();
        for (String key : contents.tensors().keySet()) {
            if (ownerOf(key, modules, optimizers) == null) {
                strays.add(key);
            }
        }
        if (!strays.isEmpty()) {
            throw new IllegalArgumentException(file + ": tensors " + strays + " belong to none of the components "
                    + modules.keySet() + " " + optimizers.keySet());
        }
        try {
            for (Map.Entry<String, Module> e : modules.entrySet()) {
                e.getValue().loadStateDict(part(contents.tensors(), e.getKey()), true);
            }
            for (Map.Entry<String, Optimizer> e : optimizers.entrySet()) {
                e.getValue().loadStateDict(new OptimizerState(part(contents.tensors(), e.getKey()),
                        part(contents.metadata(), e.getKey())));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        Map<String, String> rest = new LinkedHashMap<>();
        contents.metadata().forEach((key, value) -> {
            if (ownerOf(key, modules, optimizers) == null) {
                rest.put(key, value);
            }
        });
        return rest;
    }

    /** Component names become key prefixes ("name."), so they must be distinct and free of dots. */
    private static void checkNames(Path file, Map<String, Module> modules, Map<String, Optimizer> optimizers) {
        List<String> names = new ArrayList<>(modules.keySet());
        names.addAll(optimizers.keySet());
        for (String a : names) {
            if (a.isEmpty() || a.contains(".")) {
                throw new IllegalArgumentException(file + ": component name '" + a + "' must be non-empty and contain no '.'");
            }
        }
        if (names.size() != names.stream().distinct().count()) {
            throw new IllegalArgumentException(file + ": component names " + names + " must be distinct");
        }
    }

    private static String ownerOf(String key, Map<String, Module> modules, Map<String, Optimizer> optimizers) {
        int dot = key.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String prefix = key.substring(0, dot);
        return modules.containsKey(prefix) || optimizers.containsKey(prefix) ? prefix : null;
    }

    /** The entries under {@code name.}, with the prefix removed. */
    private static <V> Map<String, V> part(Map<String, V> all, String name) {
        Map<String, V> out = new LinkedHashMap<>();
        String prefix = name + ".";
        all.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), value);
            }
        });
        return out;
    }
}
