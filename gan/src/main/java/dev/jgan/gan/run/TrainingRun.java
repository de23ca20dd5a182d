package dev.jgan.gan.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.jgan.core.Device;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.Chart;
import dev.jgan.gan.pictures.ImageGrid;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.gan.train.StepResult;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.TensorDataset;
import dev.jgan.nn.io.Checkpoint;
import dev.jgan.nn.io.SafeTensorsReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A GAN training run and its directory: config.json, metrics.csv, samples/ (grids from fixed
 * noise), losses.png and probabilities.png, checkpoint.safetensors (written atomically after
 * every epoch), summary.json, and report.html, an offline page showing all of it
 * ({@link RunReport}). A run is resumed from its directory; with the same config the
 * resumed run takes exactly the steps, with exactly the losses, of one that never stopped,
 * because every source of randomness is a Philox stream whose position is in the checkpoint
 * or is a function of the epoch.
 *
 * <p>A run trains on one device (not part of its config: a run may be resumed on another). The
 * models are built on the CPU, so their initial weights are the same everywhere, then moved with
 * their optimizers' state, and every batch and noise draw is copied over. On a device whose
 * memory the garbage collector cannot manage ({@link ScopedMemory}: the GPU) each step runs in a
 * memory scope, so memory in use stays flat from step to step; the first step this process takes
 * runs without one, as it creates Adam's state.
 */
public final class TrainingRun {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINT = "checkpoint.safetensors";
    public static final String SUMMARY = "summary.json";
    public static final String SAMPLES = "samples";
    static final int GRID_SIZE = 64;

    /** Independent Philox streams derived from the one user seed. */
    private enum Stream { INIT, NOISE, SHUFFLE, FIXED_NOISE }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final RunConfig config;
    private final Device device;
    private final DataChoice.Loaded loaded;
    private final TensorDataset data;
    private final Gan gan;
    private final GanTrainer trainer;
    private final DataLoader loader;
    private final Tensor fixedNoise;
    private final int startEpoch;

    private TrainingRun(Path dir, RunConfig config, boolean resume, Device device) throws IOException {
        this.dir = dir;
        this.config = config;
        this.device = device;
        this.loaded = DataChoice.load(config.data(), config.imageSize());
        this.data = loaded.images();
        this.gan = buildGan(config, data.imageShape());
        // Before the trainer makes its optimizers: they hold the parameter tensors themselves.
        gan.generator().to(device);
        gan.discriminator().to(device);
        Map<String, String> saved = resume ? SafeTensorsReader.read(dir.resolve(CHECKPOINT)).metadata() : Map.of();
        long noiseOffset = resume ? Long.parseLong(required(saved, "run.noise_offset")) : 0;
        GanTrainer.Options options = new GanTrainer.Options(GanLoss.parse(config.loss()), config.discriminatorSteps(),
                config.lr(), config.beta1(), config.beta2());
        this.trainer = new GanTrainer(gan, options, new Generator(stream(config.seed(), Stream.NOISE), noiseOffset));
        if (resume) {
            Checkpoint.load(dir.resolve(CHECKPOINT), components(), optimizers());
            trainer.setStepCount(Long.parseLong(required(saved, "run.step")));
            this.startEpoch = Integer.parseInt(required(saved, "run.epoch")) + 1;
        } else {
            this.startEpoch = 0;
        }
        this.loader = DataLoader.builder(data).batchSize(config.batchSize())
                .shuffle(new Generator(stream(config.seed(), Stream.SHUFFLE))).dropLast(true).build();
        if (loader.numBatches() == 0) {
            throw new IllegalArgumentException("--batch-size " + config.batchSize() + " is larger than the data set ("
                    + data.size() + " images)");
        }
        this.fixedNoise = gan.noise(new Generator(stream(config.seed(), Stream.FIXED_NOISE)), GRID_SIZE);
    }

    /** Builds G and D for a config and image shape; parameter init draws from the INIT stream. */
    public static Gan buildGan(RunConfig config, int[] imageShape) {
        return config.modelChoice().build(config, imageShape, new Generator(stream(config.seed(), Stream.INIT)));
    }

    /** A new run in {@code dir}, which must not already hold one, on the CPU. */
    public static TrainingRun start(RunConfig config, Path dir) throws IOException {
        return start(config, dir, Device.CPU);
    }

    /** A new run in {@code dir}, which must not already hold one, trained on {@code device}. */
    public static TrainingRun start(RunConfig config, Path dir, Device device) throws IOException {
        if (Files.exists(dir.resolve(CHECKPOINT)) || Files.exists(dir.resolve(CONFIG))) {
            throw new IllegalArgumentException("--out: " + dir + " already holds a run; use --resume " + dir
                    + " to continue it, or choose another directory");
        }
        Files.createDirectories(dir.resolve(SAMPLES));
        JSON.writeValue(dir.resolve(CONFIG).toFile(), config);
        return new TrainingRun(dir, config, false, device);
    }

    /** Continues the run in {@code dir} from its last checkpoint, optionally to more epochs, on the CPU. */
    public static TrainingRun resume(Path dir, Integer epochs) throws IOException {
        return resume(dir, epochs, Device.CPU);
    }

    /** Continues the run in {@code dir} from its last checkpoint, optionally to more epochs, on {@code device}. */
    public static TrainingRun resume(Path dir, Integer epochs, Device device) throws IOException {
        Path configFile = dir.resolve(CONFIG);
        if (!Files.exists(configFile) || !Files.exists(dir.resolve(CHECKPOINT))) {
            throw new IllegalArgumentException("--resume: " + dir + " has no " + CONFIG + " and " + CHECKPOINT
                    + " (a run writes its first checkpoint after its first epoch)");
        }
        RunConfig config = JSON.readValue(configFile.toFile(), RunConfig.class);
        if (epochs != null && epochs != config.epochs()) {
            config = config.withEpochs(epochs);
            JSON.writeValue(configFile.toFile(), config);
        }
        return new TrainingRun(dir, config, true, device);
    }

    /** Trains from the start epoch to the configured number of epochs. */
    public Summary run(ProgressListener progress) throws IOException {
        int batches = loader.numBatches();
        progress.started(config, (long) config.epochs() * batches, trainer.stepCount());
        long started = System.nanoTime();
        int epochsRun = 0;
        boolean firstStep = true;
        try (MetricsLog log = MetricsLog.open(dir.resolve(METRICS), trainer.stepCount())) {
            for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
                for (Batch batch : loader.epoch(epoch)) {
                    StepResult r = firstStep ? trainer.step(batch.images().to(device))
                            : inMemoryScope(() -> trainer.step(batch.images().to(device)));
                    firstStep = false;
                    log.append(r, epoch);
                    progress.step(r, epoch);
                    if ((r.step() + 1) % config.sampleEvery() == 0) {
                        writeGrid(String.format("step_%07d.png", r.step() + 1));
                    }
                }
                log.flush();
                writeGrid(String.format("epoch_%03d.png", epoch + 1));
                Files.copy(dir.resolve(SAMPLES).resolve(String.format("epoch_%03d.png", epoch + 1)),
                        dir.resolve("samples.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                writeCharts();
                RunReport.write(dir);
                saveCheckpoint(epoch);
                epochsRun++;
                progress.epochDone(epoch, config.epochs());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Summary summary = Summary.of(MetricsLog.read(dir.resolve(METRICS)), loader.numBatches(), epochsRun, seconds);
        JSON.writeValue(dir.resolve(SUMMARY).toFile(), summary);
        RunReport.write(dir);
        progress.finished(summary);
        return summary;
    }

    private void writeGrid(String name) throws IOException {
        int scale = Math.max(1, 64 / gan.sampleShape()[1]);
        Tensor samples = inMemoryScope(() -> gan.sample(fixedNoise).to(Device.CPU));
        ImageGrid.writePng(samples, 8, scale, dir.resolve(SAMPLES).resolve(name));
    }

    /**
     * Runs {@code work} in a memory scope of the run's device when it has them (see the class
     * comment). What it returns must not hold device memory allocated in the scope.
     */
    private <T> T inMemoryScope(Supplier<T> work) {
        if (!(Backends.forDevice(device) instanceof ScopedMemory scoped)) {
            return work.get();
        }
        try (ScopedMemory.Scope scope = scoped.openScope()) {
            return work.get();
        }
    }

    private void writeCharts() throws IOException {
        List<MetricsLog.Row> rows = MetricsLog.read(dir.resolve(METRICS));
        double[] step = rows.stream().mapToDouble(MetricsLog.Row::step).toArray();
        List<MetricsLog.Row> gRows = rows.stream().filter(r -> !Double.isNaN(r.gLoss())).toList();
        Chart.of("losses", "step", "loss")
                .line("D loss", step, rows.stream().mapToDouble(MetricsLog.Row::dLoss).toArray())
                .line("G loss", gRows.stream().mapToDouble(MetricsLog.Row::step).toArray(),
                        gRows.stream().mapToDouble(MetricsLog.Row::gLoss).toArray())
                .writePng(dir.resolve("losses.png"));
        Chart.of("discriminator outputs (equilibrium: 0.5)", "step", "probability")
                .line("D(x)", step, rows.stream().mapToDouble(MetricsLog.Row::dReal).toArray())
                .line("D(G(z))", step, rows.stream().mapToDouble(MetricsLog.Row::dFake).toArray())
                .yRange(0, 1)
                .writePng(dir.resolve("probabilities.png"));
    }

    private void saveCheckpoint(int epoch) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("run.epoch", Integer.toString(epoch));
        meta.put("run.step", Long.toString(trainer.stepCount()));
        meta.put("run.noise_offset", Long.toString(trainer.noise().offset()));
        meta.put("run.config", JSON.writeValueAsString(config));
        meta.put("run.image_shape", JSON.writeValueAsString(data.imageShape()));
        Checkpoint.save(dir.resolve(CHECKPOINT), components(), optimizers(), meta);
    }

    private Map<String, dev.jgan.nn.Module> components() {
        Map<String, dev.jgan.nn.Module> m = new LinkedHashMap<>();
        m.put("generator", gan.generator());
        m.put("discriminator", gan.discriminator());
        return m;
    }

    private Map<String, dev.jgan.nn.optim.Optimizer> optimizers() {
        Map<String, dev.jgan.nn.optim.Optimizer> m = new LinkedHashMap<>();
        m.put("optimizer_g", trainer.generatorOptimizer());
        m.put("optimizer_d", trainer.discriminatorOptimizer());
        return m;
    }

    public Gan gan() {
        return gan;
    }

    public RunConfig config() {
        return config;
    }

    public Device device() {
        return device;
    }

    /** Where the training images came from and how they were fitted, e.g. "padded to [1, 32, 32]". */
    public String dataDescription() {
        return loaded.describe();
    }

    /**
     * The Philox key of one stream of a run: the seed and the stream's number mixed by SplitMix64's
     * finalizer, so that no stream of seed s shares its key with a stream of another seed, or
     * with a plain {@code new Generator(k)} for a small k such as {@code gan sample --seed}.
     */
    static long stream(long seed, Stream stream) {
        return mix(seed ^ mix(0x9E3779B97F4A7C15L * (stream.ordinal() + 1)));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String required(Map<String, String> meta, String key) {
        String v = meta.get(key);
        if (v == null) {
            throw new IllegalArgumentException(CHECKPOINT + ": metadata has no '" + key + "'; not a checkpoint of a gan run");
        }
        return v;
    }

    /** Reads the config stored in a checkpoint's metadata (for {@code gan sample}). */
    public static RunConfig configOf(Map<String, String> metadata) throws IOException {
        return JSON.readValue(required(metadata, "run.config"), RunConfig.class);
    }

    public static int[] imageShapeOf(Map<String, String> metadata) throws IOException {
        return JSON.readValue(required(metadata, "run.image_shape"), int[].class);
    }
}
