package dev.jgan.gan.run;

import dev.jgan.core.Device;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.ScopedMemory;
import dev.jgan.core.random.Generator;
import dev.jgan.core.random.StreamKeys;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.Chart;
import dev.jgan.gan.pictures.ImageGrid;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.gan.train.NonFiniteLossException;
import dev.jgan.gan.train.StepResult;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.TensorDataset;
import dev.jgan.nn.io.AtomicFile;
import dev.jgan.nn.io.Checkpoint;
import dev.jgan.nn.optim.ExponentialMovingAverage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static dev.jgan.gan.run.RunDirectory.CHECKPOINT;
import static dev.jgan.gan.run.RunDirectory.CONFIG;

/**
 * A GAN training run: the epoch loop that fills its directory ({@link RunDirectory}): config.json,
 * metrics.csv, samples/ (grids from fixed noise), losses.png and probabilities.png,
 * checkpoint.safetensors (written atomically after every epoch), summary.json, and report.html,
 * an offline page showing all of it ({@link RunReport}). A run is resumed from its directory; with the same config the
 * resumed run takes exactly the steps, with exactly the losses, of one that never stopped,
 * because every source of randomness is a Philox stream whose position is in the checkpoint
 * or is a function of the epoch.
 *
 * <p>Where the recipe keeps an exponential moving average of G's weights
 * ({@link Recipe#generatorAverageDecay}), it is updated after every step of G, saved in the
 * checkpoint beside G and D ({@code generator_average.*}) and is what the run's sample grids are
 * drawn from, as {@code gan sample} and {@code gan eval} draw from it ({@link RunCheckpoint#loadGan}).
 *
 * <p>A run trains on one device (not part of its config: a run may be resumed on another). The
 * models are built on the CPU, so their initial weights are the same everywhere, then moved with
 * their optimizers' state, and every batch and noise draw is copied over. On a device whose
 * backend offers {@link ScopedMemory} (the GPU, whose memory the garbage collector cannot manage,
 * and the CPU, which reuses the arrays instead of zeroing new ones) each step runs in a memory
 * scope, so memory in use stays flat from step to step; the steps this process takes up to G's
 * first (the first step, or the k-th with k D steps per G step) run without one, as they create
 * Adam's state.
 *
 * <p>What a command leaves behind when it fails, and what survives a crash, is described in
 * docs/run-directory.md: nothing is written before the data are loaded and the models built
 * (and, on resume, the checkpoint read and checked); every file is replaced atomically
 * ({@link AtomicFile}); a directory whose run never reached its first checkpoint can be started
 * again with {@link #start}.
 */
public final class TrainingRun {
    static final int GRID_SIZE = 64;
    /** Rows of the run's grids; {@code gan sample --label all} draws as many without --n. */
    public static final int GRID_ROWS = 8;
    /** A loss that is not finite within this many steps of the start points at the learning rate. */
    static final int EARLY_STEPS = 10;
    /**
     * The least time between two drawings of the charts, in the middle of a run. Drawing both
     * charts took 0.2 s at 224 points and 0.5 s at 2800 (XChart, 2-core Xeon, loaded): drawn
     * after every epoch of the README's 100 epochs of 1.2 s, they took about a fifth of the run.
     * Every 10 s they cost a few per cent of any run, and a reader of report.html still sees them
     * move. The first epoch and the run's last always draw them.
     */
    static final long CHART_INTERVAL_NANOS = 10_000_000_000L;
    /** Independent Philox streams derived from the one user seed ({@link StreamKeys}), numbered from 1 in this order. */
    private enum Stream {
        INIT, NOISE, SHUFFLE, FIXED_NOISE;

        long key(long seed) {
            return StreamKeys.derive(seed, ordinal() + 1);
        }
    }

    private final RunDirectory dir;
    private final RunConfig config;
    private final Device device;
    private final DataChoice.Loaded loaded;
    private final TensorDataset data;
    private final Gan gan;
    /** The average of G's weights the run samples from, where the recipe keeps one; else null. */
    private final ExponentialMovingAverage generatorAverage;
    private final GanTrainer trainer;
    private final DataLoader loader;
    private final Tensor fixedNoise;
    private final int startEpoch;
    private boolean restarted;

    /** Loads the data and builds the models; with a {@code checkpoint}, loads its state. Writes nothing. */
    private TrainingRun(RunDirectory dir, RunConfig config, RunCheckpoint checkpoint, Device device) throws IOException {
        this.dir = dir;
        this.config = config;
        this.device = device;
        this.loaded = DataChoice.load(config.data(), config.imageSize());
        this.data = loaded.images();
        this.gan = buildGan(config, data.imageShape());
        // Before the trainer makes its optimizers: they hold the parameter tensors themselves.
        gan.generator().to(device);
        gan.discriminator().to(device);
        this.generatorAverage = averageOf(config, data.imageShape(), gan, device);
        long noiseOffset = checkpoint != null ? checkpoint.noiseOffset() : 0;
        GanTrainer.Options options = new GanTrainer.Options(config.loss(), config.discriminatorSteps(),
                config.lr(), config.beta1(), config.beta2(), config.stepOrder());
        this.trainer = new GanTrainer(gan, options, new Generator(Stream.NOISE.key(config.seed()), noiseOffset));
        if (checkpoint != null) {
            Checkpoint.load(checkpoint.file(), components(), optimizers());
            trainer.setStepCount(checkpoint.step());
            this.startEpoch = checkpoint.epoch() + 1;
        } else {
            this.startEpoch = 0;
        }
        this.loader = DataLoader.builder(data).batchSize(config.batchSize())
                .shuffle(new Generator(Stream.SHUFFLE.key(config.seed()))).dropLast(true).build();
        if (loader.numBatches() == 0) {
            throw new IllegalArgumentException("--batch-size " + config.batchSize() + " is larger than the data set ("
                    + data.size() + " images)");
        }
        this.fixedNoise = gridNoise(gan, new Generator(Stream.FIXED_NOISE.key(config.seed())));
    }

    /** The average of G's weights that the config's recipe keeps, starting from G's weights now; null for none. */
    private static ExponentialMovingAverage averageOf(RunConfig config, int[] imageShape, Gan gan, Device device) {
        double decay = config.recipe().generatorAverageDecay();
        if (decay == 0) {
            return null;
        }
        dev.jgan.nn.Module average = buildGan(config, imageShape).generator();
        average.to(device);
        return new ExponentialMovingAverage(gan.generator(), average, decay);
    }

    /** Builds G and D for a config and image shape; parameter init draws from the INIT stream. */
    public static Gan buildGan(RunConfig config, int[] imageShape) {
        return config.model().build(config, imageShape, new Generator(Stream.INIT.key(config.seed())));
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
        RunDirectory files = new RunDirectory(dir);
        if (Files.exists(files.checkpoint())) {
            throw new IllegalArgumentException("--out: " + dir + " already holds a run; use --resume " + dir
                    + " to continue it, or choose another directory");
        }
        boolean restart = Files.exists(files.config());
        TrainingRun run = new TrainingRun(files, config, null, device);
        run.restarted = restart;
        files.create();
        files.removeLeftovers();
        if (restart) {
            files.removeOutputs();
        }
        files.writeConfig(config);
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
        RunDirectory files = new RunDirectory(dir);
        RunConfig saved = savedConfig(dir);
        RunCheckpoint checkpoint = RunCheckpoint.read(files.checkpoint());
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
        TrainingRun run = new TrainingRun(files, config, checkpoint, device);
        // Before config.json changes: a malformed metrics.csv must fail the command with nothing changed.
        MetricsLog.cutBack(files.metrics(), checkpoint.step());
        files.removeLeftovers();
        if (config != saved) {
            files.writeConfig(config);
        }
        return run;
    }

    /**
     * The config.json of the run in {@code dir}, checked; errors name the file and the field, or
     * say what {@code dir} lacks to be resumed.
     */
    public static RunConfig savedConfig(Path dir) throws IOException {
        RunDirectory files = new RunDirectory(dir);
        boolean hasConfig = Files.exists(files.config());
        if (!Files.exists(files.checkpoint())) {
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
        return files.readConfig();
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
        long chartsDrawn = 0;
        int epochsRun = 0;
        // Until G and D have each taken a step in this process, a step may create an optimizer's
        // state, which must outlive a scope: with k D steps per G step, G's first comes at step k.
        boolean optimizersStarted = false;
        try (MetricsLog log = MetricsLog.open(dir.metrics(), trainer.stepCount())) {
            for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
                for (Batch batch : loader.epoch(epoch)) {
                    StepResult r = optimizersStarted ? inMemoryScope(() -> step(batch)) : step(batch);
                    optimizersStarted |= r.generatorStepped();
                    log.append(r, epoch);
                    progress.step(r, epoch);
                    if ((r.step() + 1) % config.sampleEvery() == 0) {
                        writeGrid(dir.stepGrid(r.step() + 1));
                    }
                }
                log.flush();
                Path grid = dir.epochGrid(epoch + 1);
                writeGrid(grid);
                AtomicFile.write(dir.resolve(RunDirectory.LATEST_SAMPLES), out -> Files.copy(grid, out));
                boolean lastEpoch = epoch == config.epochs() - 1;
                if (epochsRun == 0 || lastEpoch || System.nanoTime() - chartsDrawn >= CHART_INTERVAL_NANOS) {
                    writeCharts();
                    chartsDrawn = System.nanoTime();
                }
                RunReport.write(dir.path());
                saveCheckpoint(epoch);
                epochsRun++;
                progress.epochDone(epoch, config.epochs());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Summary summary = Summary.of(MetricsLog.read(dir.metrics()), loader.numBatches(), epochsRun, seconds);
        dir.writeSummary(summary);
        RunReport.write(dir.path());
        progress.finished(summary);
        return summary;
    }

    /**
     * One training step. A loss that is not finite right at the start is almost always a learning
     * rate too large for the first updates, so the error says so.
     */
    private StepResult step(Batch batch) {
        try {
            StepResult result = trainer.step(batch.images().to(device), gan.batchLabels(batch.labels()));
            if (generatorAverage != null && result.generatorStepped()) {
                generatorAverage.update(result.step());
            }
            return result;
        } catch (NonFiniteLossException e) {
            if (e.step() >= EARLY_STEPS) {
                throw e;
            }
            throw new NonFiniteLossException(e.step(), e.getMessage() + "; so early in training this usually means"
                    + " the learning rate is too large: --lr is " + config.lr() + ", GANs train with 1e-4 to 2e-4"
                    + " (try --lr 2e-4)");
        }
    }

    /**
     * The fixed noise of the run's grids: {@link #GRID_SIZE} samples, 8 a row; a conditional GAN's
     * grid has a column per class instead, each column asking for its class, and one z per row
     * ({@link Gan#classGrid}), 8 rows.
     */
    static Tensor gridNoise(Gan gan, Generator gen) {
        return gan.conditional() ? gan.classGrid(gen, GRID_ROWS) : gan.noise(gen, GRID_SIZE);
    }

    private static int gridColumns(Gan gan) {
        return gan.conditional() ? gan.classes() : GRID_SIZE / GRID_ROWS;
    }

    private void writeGrid(Path file) throws IOException {
        int scale = Math.max(1, 64 / gan.sampleShape()[1]);
        // Copied out as an array: on the CPU, to(Device.CPU) would return the scope's own tensor,
        // whose memory the scope takes back before the grid is drawn.
        float[] pixels = inMemoryScope(() -> sampler().sample(fixedNoise).toFloatArray());
        int[] sampleShape = gan.sampleShape();
        int[] shape = new int[sampleShape.length + 1];
        shape[0] = fixedNoise.size(0);
        System.arraycopy(sampleShape, 0, shape, 1, sampleShape.length);
        Tensor samples = Tensor.fromArray(pixels, shape);
        ImageGrid.writePng(samples, gridColumns(gan), scale, file);
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
        drawCharts(dir.metrics(), dir.resolve(RunDirectory.LOSSES_CHART), dir.resolve(RunDirectory.PROBABILITIES_CHART));
    }

    /** The loss chart and the D(x)/D(G(z)) chart of the metrics log {@code metrics}, as PNGs. */
    static void drawCharts(Path metrics, Path losses, Path probabilities) throws IOException {
        List<MetricsLog.Row> rows = MetricsLog.read(metrics);
        double[] step = rows.stream().mapToDouble(MetricsLog.Row::step).toArray();
        List<MetricsLog.Row> gRows = rows.stream().filter(r -> !Double.isNaN(r.gLoss())).toList();
        Chart.of("losses", "step", "loss")
                .line("D loss", step, rows.stream().mapToDouble(MetricsLog.Row::dLoss).toArray())
                .line("G loss", gRows.stream().mapToDouble(MetricsLog.Row::step).toArray(),
                        gRows.stream().mapToDouble(MetricsLog.Row::gLoss).toArray())
                .writePng(losses);
        Chart.of("discriminator outputs (equilibrium: 0.5)", "step", "probability")
                .line("D(x)", step, rows.stream().mapToDouble(MetricsLog.Row::dReal).toArray())
                .line("D(G(z))", step, rows.stream().mapToDouble(MetricsLog.Row::dFake).toArray())
                .yRange(0, 1)
                .writePng(probabilities);
    }

    private void saveCheckpoint(int epoch) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(RunCheckpoint.EPOCH, Integer.toString(epoch));
        meta.put(RunCheckpoint.STEP, Long.toString(trainer.stepCount()));
        meta.put(RunCheckpoint.NOISE_OFFSET, Long.toString(trainer.noise().offset()));
        meta.put(RunCheckpoint.CONFIG, RunFiles.JSON.writeValueAsString(config));
        meta.put(RunCheckpoint.IMAGE_SHAPE, RunFiles.JSON.writeValueAsString(data.imageShape()));
        Checkpoint.save(dir.checkpoint(), components(), optimizers(), meta);
    }

    /** The GAN whose G the run's samples come from: the average of G's weights where the recipe keeps one. */
    public Gan sampler() {
        return generatorAverage == null ? gan : gan.withGenerator(generatorAverage.average());
    }

    private Map<String, dev.jgan.nn.Module> components() {
        Map<String, dev.jgan.nn.Module> m = new LinkedHashMap<>();
        m.put(RunCheckpoint.GENERATOR, gan.generator());
        m.put(RunCheckpoint.DISCRIMINATOR, gan.discriminator());
        if (generatorAverage != null) {
            m.put(RunCheckpoint.GENERATOR_AVERAGE, generatorAverage.average());
        }
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
}
