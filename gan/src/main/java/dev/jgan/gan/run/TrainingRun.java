package dev.jgan.gan.run;

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
import dev.jgan.gan.train.NonFiniteLossException;
import dev.jgan.gan.train.StepResult;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.TensorDataset;
import dev.jgan.nn.io.AtomicFile;
import dev.jgan.nn.io.Checkpoint;

import java.io.IOException;
import java.nio.file.DirectoryStream;
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
 * backend offers {@link ScopedMemory} (the GPU, whose memory the garbage collector cannot manage,
 * and the CPU, which reuses the arrays instead of zeroing new ones) each step runs in a memory
 * scope, so memory in use stays flat from step to step; the first step this process takes runs
 * without one, as it creates Adam's state.
 *
 * <p>What a command leaves behind when it fails, and what survives a crash, is described in
 * docs/run-directory.md: nothing is written before the data are loaded and the models built
 * (and, on resume, the checkpoint read and checked); every file is replaced atomically
 * ({@link AtomicFile}); a directory whose run never reached its first checkpoint can be started
 * again with {@link #start}.
 */
public final class TrainingRun {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINT = "checkpoint.safetensors";
    public static final String SUMMARY = "summary.json";
    public static final String SAMPLES = "samples";
    static final int GRID_SIZE = 64;
    /** A loss that is not finite within this many steps of the start points at the learning rate. */
    static final int EARLY_STEPS = 10;
    /** The files a run writes at its top level besides config.json and the checkpoint, removed when a run is restarted. */
    private static final List<String> OUTPUTS = List.of(METRICS, SUMMARY, "samples.png", "losses.png",
            "probabilities.png", RunReport.FILE);

    /** Independent Philox streams derived from the one user seed. */
    private enum Stream { INIT, NOISE, SHUFFLE, FIXED_NOISE }

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
    private boolean restarted;

    /** Loads the data and builds the models; with a {@code checkpoint}, loads its state. Writes nothing. */
    private TrainingRun(Path dir, RunConfig config, RunCheckpoint checkpoint, Device device) throws IOException {
        this.dir = dir;
        this.config = config;
        this.device = device;
        this.loaded = DataChoice.load(config.data(), config.imageSize());
        this.data = loaded.images();
        this.gan = buildGan(config, data.imageShape());
        // Before the trainer makes its optimizers: they hold the parameter tensors themselves.
        gan.generator().to(device);
        gan.discriminator().to(device);
        long noiseOffset = checkpoint != null ? checkpoint.noiseOffset() : 0;
        GanTrainer.Options options = new GanTrainer.Options(GanLoss.parse(config.loss()), config.discriminatorSteps(),
                config.lr(), config.beta1(), config.beta2());
        this.trainer = new GanTrainer(gan, options, new Generator(stream(config.seed(), Stream.NOISE), noiseOffset));
        if (checkpoint != null) {
            Checkpoint.load(checkpoint.file(), components(), optimizers());
            trainer.setStepCount(checkpoint.step());
            this.startEpoch = checkpoint.epoch() + 1;
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

    /**
     * A new run in {@code dir}, trained on {@code device}. {@code dir} must not hold a run with a
     * checkpoint; one that holds a run that never reached its first checkpoint (it crashed, or was
     * killed, in its first epoch) is started again from scratch, and {@link #restarted()} says so.
     * Nothing is written until the data are loaded and the models built.
     */
    public static TrainingRun start(RunConfig config, Path dir, Device device) throws IOException {
        if (Files.exists(dir.resolve(CHECKPOINT))) {
            throw new IllegalArgumentException("--out: " + dir + " already holds a run; use --resume " + dir
                    + " to continue it, or choose another directory");
        }
        boolean restart = Files.exists(dir.resolve(CONFIG));
        TrainingRun run = new TrainingRun(dir, config, null, device);
        run.restarted = restart;
        Files.createDirectories(dir.resolve(SAMPLES));
        removeLeftovers(dir);
        if (restart) {
            for (String name : OUTPUTS) {
                Files.deleteIfExists(dir.resolve(name));
            }
            try (DirectoryStream<Path> pictures = Files.newDirectoryStream(dir.resolve(SAMPLES), "*.png")) {
                for (Path p : pictures) {
                    Files.delete(p);
                }
            }
        }
        RunFiles.writeJson(dir.resolve(CONFIG), config);
        return run;
    }

    /** Continues the run in {@code dir} from its last checkpoint, optionally to more epochs, on the CPU. */
    public static TrainingRun resume(Path dir, Integer epochs) throws IOException {
        return resume(dir, epochs, Device.CPU);
    }

    /**
     * Continues the run in {@code dir} from its last checkpoint, on {@code device}; {@code epochs}
     * (null: the config's) is the new total and must exceed the epochs already trained. Nothing in
     * {@code dir} changes unless the run can start: config.json is rewritten (with the new
     * total) only after the checkpoint has been read, checked and loaded.
     */
    public static TrainingRun resume(Path dir, Integer epochs, Device device) throws IOException {
        Path configFile = dir.resolve(CONFIG);
        RunConfig saved = savedConfig(dir);
        RunCheckpoint checkpoint = RunCheckpoint.read(dir.resolve(CHECKPOINT));
        int done = checkpoint.epoch() + 1;
        int target = epochs != null ? epochs : saved.epochs();
        if (target <= done) {
            throw new IllegalArgumentException(epochs != null
                    ? "--epochs " + epochs + ": the run in " + dir + " has already trained " + done
                            + (done == 1 ? " epoch" : " epochs") + ", and --epochs is the new total; give more than "
                            + done + " to train further"
                    : "--resume: the run in " + dir + " has trained all the " + done + " epochs of its config; add"
                            + " --epochs N with N > " + done + " to train further");
        }
        RunConfig config = target == saved.epochs() ? saved : saved.withEpochs(target);
        TrainingRun run = new TrainingRun(dir, config, checkpoint, device);
        // Before config.json changes: a malformed metrics.csv must fail the command with nothing changed.
        MetricsLog.cutBack(dir.resolve(METRICS), checkpoint.step());
        removeLeftovers(dir);
        if (config != saved) {
            RunFiles.writeJson(configFile, config);
        }
        return run;
    }

    /**
     * The config.json of the run in {@code dir}, checked; errors name the file and the field, or
     * say what {@code dir} lacks to be resumed.
     */
    public static RunConfig savedConfig(Path dir) throws IOException {
        Path configFile = dir.resolve(CONFIG);
        boolean hasConfig = Files.exists(configFile);
        if (!Files.exists(dir.resolve(CHECKPOINT))) {
            if (hasConfig) {
                throw new IllegalArgumentException("--resume: " + dir + " has no " + CHECKPOINT + ": its run never"
                        + " finished its first epoch; start it again with --out " + dir + " (a new config replaces"
                        + " its " + CONFIG + ")");
            }
            throw new IllegalArgumentException("--resume: " + dir + " has no " + CONFIG + " and " + CHECKPOINT
                    + " (a run writes its first checkpoint after its first epoch)");
        }
        if (!hasConfig) {
            throw new IllegalArgumentException("--resume: " + dir + " has a " + CHECKPOINT + " but no " + CONFIG);
        }
        return RunFiles.readJson(configFile, RunConfig.class);
    }

    /** Deletes what interrupted atomic writes (a kill mid-checkpoint) left in the run's directory. */
    private static void removeLeftovers(Path dir) throws IOException {
        AtomicFile.removeLeftovers(dir);
        AtomicFile.removeLeftovers(dir.resolve(SAMPLES));
    }

    /** Whether {@link #start} found a run without a checkpoint in its directory and started it again. */
    public boolean restarted() {
        return restarted;
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
                    StepResult r = firstStep ? step(batch) : inMemoryScope(() -> step(batch));
                    firstStep = false;
                    log.append(r, epoch);
                    progress.step(r, epoch);
                    if ((r.step() + 1) % config.sampleEvery() == 0) {
                        writeGrid(String.format("step_%07d.png", r.step() + 1));
                    }
                }
                log.flush();
                writeGrid(String.format("epoch_%03d.png", epoch + 1));
                Path grid = dir.resolve(SAMPLES).resolve(String.format("epoch_%03d.png", epoch + 1));
                AtomicFile.write(dir.resolve("samples.png"), out -> Files.copy(grid, out));
                writeCharts();
                RunReport.write(dir);
                saveCheckpoint(epoch);
                epochsRun++;
                progress.epochDone(epoch, config.epochs());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Summary summary = Summary.of(MetricsLog.read(dir.resolve(METRICS)), loader.numBatches(), epochsRun, seconds);
        RunFiles.writeJson(dir.resolve(SUMMARY), summary);
        RunReport.write(dir);
        progress.finished(summary);
        return summary;
    }

    /**
     * One training step. A loss that is not finite right at the start is almost always a learning
     * rate too large for the first updates, so the error says so.
     */
    private StepResult step(Batch batch) {
        try {
            return trainer.step(batch.images().to(device));
        } catch (NonFiniteLossException e) {
            if (e.step() >= EARLY_STEPS) {
                throw e;
            }
            throw new NonFiniteLossException(e.step(), e.getMessage() + "; so early in training this usually means"
                    + " the learning rate is too large: --lr is " + config.lr() + ", GANs train with 1e-4 to 2e-4"
                    + " (try --lr 2e-4)");
        }
    }

    private void writeGrid(String name) throws IOException {
        int scale = Math.max(1, 64 / gan.sampleShape()[1]);
        // Copied out as an array: on the CPU, to(Device.CPU) would return the scope's own tensor,
        // whose memory the scope takes back before the grid is drawn.
        float[] pixels = inMemoryScope(() -> gan.sample(fixedNoise).toFloatArray());
        int[] sampleShape = gan.sampleShape();
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = fixedNoise.size(0);
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        Tensor samples = Tensor.fromArray(pixels, shape);
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
        meta.put(RunCheckpoint.EPOCH, Integer.toString(epoch));
        meta.put(RunCheckpoint.STEP, Long.toString(trainer.stepCount()));
        meta.put(RunCheckpoint.NOISE_OFFSET, Long.toString(trainer.noise().offset()));
        meta.put(RunCheckpoint.CONFIG, RunFiles.JSON.writeValueAsString(config));
        meta.put(RunCheckpoint.IMAGE_SHAPE, RunFiles.JSON.writeValueAsString(data.imageShape()));
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
}
