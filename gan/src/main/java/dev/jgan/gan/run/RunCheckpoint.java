package dev.jgan.gan.run;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.nn.io.SafeTensorsFile;
import dev.jgan.nn.io.SafeTensorsReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's checkpoint.safetensors as {@code gan train --resume}, {@code gan sample} and
 * {@code gan eval} read it: the tensors, and the run's metadata checked field by field. Every
 * problem is reported with the file, the field or tensor, and what was expected; a checkpoint
 * whose tensors hold NaN or infinity (a run that diverged) is refused, naming the tensor, rather
 * than drawn as black samples.
 */
public record RunCheckpoint(Path file, SafeTensorsFile contents, RunConfig config, int[] imageShape, int epoch,
                            long step, long noiseOffset) {
    static final String EPOCH = "run.epoch";
    static final String STEP = "run.step";
    static final String NOISE_OFFSET = "run.noise_offset";
    static final String CONFIG = "run.config";
    static final String IMAGE_SHAPE = "run.image_shape";
    /** The checkpoint's components: the live G and D, and the average of G's weights where the recipe keeps one. */
    static final String GENERATOR = "generator";
    static final String DISCRIMINATOR = "discriminator";
    static final String GENERATOR_AVERAGE = "generator_average";

    /** Reads and checks {@code file}. */
    public static RunCheckpoint read(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            Path inside = file.resolve(RunDirectory.CHECKPOINT);
            throw new IllegalArgumentException(file + ": is a directory, not a checkpoint"
                    + (Files.exists(inside) ? "; the run's checkpoint is " + inside : ""));
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        SafeTensorsFile contents = SafeTensorsReader.read(file);
        Map<String, String> meta = contents.metadata();
        int epoch = (int) wholeNumber(file, meta, EPOCH, Integer.MAX_VALUE);
        long step = wholeNumber(file, meta, STEP, Long.MAX_VALUE);
        long noiseOffset = wholeNumber(file, meta, NOISE_OFFSET, Long.MAX_VALUE);
        RunConfig config = RunFiles.readJson(file + ": metadata '" + CONFIG + "'", required(file, meta, CONFIG),
                RunConfig.class);
        int[] imageShape = RunFiles.readJson(file + ": metadata '" + IMAGE_SHAPE + "'", required(file, meta, IMAGE_SHAPE),
                int[].class);
        if (imageShape.length != 3 || imageShape[0] < 1 || imageShape[1] < 1 || imageShape[2] < 1) {
            throw new IOException(file + ": metadata '" + IMAGE_SHAPE + "' is " + Shape.format(imageShape)
                    + "; expected [channels, height, width], each >= 1");
        }
        requireFinite(file, contents.tensors());
        return new RunCheckpoint(file, contents, config, imageShape, epoch, step, noiseOffset);
    }

    /**
     * The tensors of the generator the run samples from, under the keys of its own state dict: the
     * average of its weights where the run kept one ({@link Recipe#generatorAverageDecay}), else G
     * as trained.
     */
    public Map<String, Tensor> generatorState() {
        Map<String, Tensor> average = component(GENERATOR_AVERAGE);
        return average.isEmpty() ? component(GENERATOR) : average;
    }

    /** Whether the run kept an average of G's weights, which {@link #loadGan} then samples from. */
    public boolean hasGeneratorAverage() {
        return !component(GENERATOR_AVERAGE).isEmpty();
    }

    private Map<String, Tensor> component(String name) {
        String prefix = name + ".";
        Map<String, Tensor> state = new LinkedHashMap<>();
        contents.tensors().forEach((key, t) -> {
            if (key.startsWith(prefix)) {
                state.put(key.substring(prefix.length()), t);
            }
        });
        return state;
    }

    /** The run's generator with this checkpoint's weights (the average of them, where the run kept one). */
    public dev.jgan.gan.models.Gan loadGan() {
        dev.jgan.gan.models.Gan gan = TrainingRun.buildGan(config, imageShape);
        try {
            gan.generator().loadStateDict(generatorState(), true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        return gan;
    }

    private static void requireFinite(Path file, Map<String, Tensor> tensors) throws IOException {
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            double[] values = e.getValue().toDoubleArray();
            int bad = 0;
            double first = 0;
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    if (bad++ == 0) {
                        first = v;
                    }
                }
            }
            if (bad > 0) {
                throw new IOException(file + ": tensor '" + e.getKey() + "' holds " + bad + " non-finite value"
                        + (bad == 1 ? "" : "s") + " (" + first + ") of " + values.length + "; the run had diverged when"
                        + " this checkpoint was written, and its weights cannot be used");
            }
        }
    }

    private static String required(Path file, Map<String, String> meta, String key) throws IOException {
        String v = meta.get(key);
        if (v == null) {
            throw new IOException(file + ": metadata has no '" + key + "'; not a checkpoint of a gan run");
        }
        return v;
    }

    private static long wholeNumber(Path file, Map<String, String> meta, String key, long max) throws IOException {
        String text = required(file, meta, key);
        try {
            long v = Long.parseLong(text.strip());
            if (v >= 0 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(file + ": metadata '" + key + "' is '" + text + "'; expected a whole number from 0 to "
                + max);
    }
}
