package dev.jgan.gan.run;

import dev.jgan.nn.io.AtomicFile;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The layout of a run's directory: every file name a run, its report and {@code gan eval} use,
 * the paths built from them, and the run's own JSON files. docs/run-directory.md describes each
 * file, when it is written and what survives a crash.
 */
public final class RunDirectory {
    public static final String CONFIG = "config.json";
    public static final String METRICS = "metrics.csv";
    public static final String CHECKPOINT = "checkpoint.safetensors";
    public static final String SUMMARY = "summary.json";
    /** The folder of sample grids, one per epoch and one every --sample-every steps. */
    public static final String SAMPLES = "samples";
    /** A copy of the latest epoch's grid. */
    public static final String LATEST_SAMPLES = "samples.png";
    public static final String LOSSES_CHART = "losses.png";
    public static final String PROBABILITIES_CHART = "probabilities.png";
    public static final String REPORT = "report.html";
    /** What {@code gan eval} writes by default beside the checkpoint. */
    public static final String EVALUATION = "metrics.json";
    /** The nearest-neighbour picture of the default evaluation. */
    public static final String EVALUATION_NEIGHBOURS = neighboursPictureName(EVALUATION);

    /** A grid's name says its epoch, counted from 1. */
    static final Pattern EPOCH_GRID = Pattern.compile("epoch_(\\d+)\\.png");

    /** The files a run writes at its top level besides config.json and the checkpoint, removed when a run is restarted. */
    private static final List<String> OUTPUTS = List.of(METRICS, SUMMARY, LATEST_SAMPLES, LOSSES_CHART,
            PROBABILITIES_CHART, REPORT);

    private final Path dir;

    public RunDirectory(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    /** {@code name} (one of this class's names) inside the directory. */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    public Path config() {
        return dir.resolve(CONFIG);
    }

    public Path metrics() {
        return dir.resolve(METRICS);
    }

    public Path checkpoint() {
        return dir.resolve(CHECKPOINT);
    }

    public Path summary() {
        return dir.resolve(SUMMARY);
    }

    public Path samples() {
        return dir.resolve(SAMPLES);
    }

    /** The grid drawn at the end of epoch {@code epoch} (from 1). */
    public Path epochGrid(int epoch) {
        return samples().resolve(String.format("epoch_%03d.png", epoch));
    }

    /** The grid drawn after {@code steps} steps. */
    public Path stepGrid(long steps) {
        return samples().resolve(String.format("step_%07d.png", steps));
    }

    /** The nearest-neighbour picture that goes beside an evaluation's JSON {@code name.json}: {@code name_neighbours.png}. */
    public static String neighboursPictureName(String evaluationJson) {
        if (!evaluationJson.endsWith(".json")) {
            throw new IllegalArgumentException("--out: '" + evaluationJson + "' must end in .json");
        }
        return evaluationJson.substring(0, evaluationJson.length() - ".json".length()) + "_neighbours.png";
    }

    /** The run's config.json, with errors that name the file and the field. */
    public RunConfig readConfig() throws IOException {
        return RunFiles.readJson(config(), RunConfig.class);
    }

    void writeConfig(RunConfig config) throws IOException {
        RunFiles.writeJson(config(), config);
    }

    void writeSummary(Summary summary) throws IOException {
        RunFiles.writeJson(summary(), summary);
    }

    /** Makes the directory and its samples folder. */
    void create() throws IOException {
        Files.createDirectories(samples());
    }

    /** Deletes what a run that never reached its first checkpoint wrote, before it is started again. */
    void removeOutputs() throws IOException {
        for (String name : OUTPUTS) {
            Files.deleteIfExists(dir.resolve(name));
        }
        try (DirectoryStream<Path> pictures = Files.newDirectoryStream(samples(), "*.png")) {
            for (Path p : pictures) {
                Files.delete(p);
            }
        }
    }

    /** Deletes what interrupted atomic writes (a kill mid-checkpoint) left in the directory. */
    void removeLeftovers() throws IOException {
        AtomicFile.removeLeftovers(dir);
        AtomicFile.removeLeftovers(samples());
    }
}
