package dev.jgan.gan.cli;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.io.Npy;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.ImageGrid;
import dev.jgan.gan.run.RunCheckpoint;
import dev.jgan.gan.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw samples from a trained generator (the average of its weights, where the run's recipe"
                + " keeps one): a PNG grid or a .npy array [n, C, H, W] in [-1, 1].")
final class SampleCommand implements Callable<Integer> {
    /** 2^25 floats (128 MB) of samples at once; the generator's activations on the way need several times that. */
    static final int MAX_VALUES = 1 << 25;
    /** {@code --label all}: the classes in turn. */
    private static final String ALL_CLASSES = "all";
    private static final int DEFAULT_N = 64;

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, description = "A checkpoint.safetensors written by gan train.")
    Path checkpoint;

    @Option(names = "--n", description = "Number of samples. Default: " + DEFAULT_N + ", or with --label all "
            + TrainingRun.GRID_ROWS + " whole rows (one sample of each class a row).")
    Integer n;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the noise. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, description = "Output file: *.png (a grid) or *.npy (the array).")
    Path out;

    @Option(names = "--label", description = "For a conditional run (--recipe conditional): the class every sample"
            + " is asked to be, e.g. --label 3 for threes, or 'all' for the classes in turn (a PNG grid then has a"
            + " column per class, and each row one noise vector z: one style drawn as every class). Default: a class"
            + " drawn at random for each sample.")
    String label;

    @Override
    public Integer call() throws Exception {
        String name = out.getFileName().toString();
        if (!name.endsWith(".png") && !name.endsWith(".npy")) {
            throw new IllegalArgumentException("--out: '" + out + "' must end in .png or .npy");
        }
        if (n != null && n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        RunCheckpoint file = RunCheckpoint.read(checkpoint);
        Gan gan = file.loadGan();
        int n = this.n != null ? this.n
                : ALL_CLASSES.equals(label) && gan.conditional() ? TrainingRun.GRID_ROWS * gan.classes() : DEFAULT_N;
        int most = maxSamples(gan.sampleShape());
        if (n > most) {
            throw new IllegalArgumentException("--n " + n + ": at most " + most + " samples of "
                    + Shape.format(gan.sampleShape()) + " in one file (" + MAX_VALUES + " values); draw more as"
                    + " several files with different --seed");
        }
        Tensor samples = gan.sample(noise(gan, n));
        if (name.endsWith(".png")) {
            int columns = ALL_CLASSES.equals(label) ? gan.classes() : (int) Math.ceil(Math.sqrt(n));
            ImageGrid.writePng(samples, columns, Math.max(1, 64 / gan.sampleShape()[1]), out);
        } else {
            Npy.write(samples, out);
        }
        spec.commandLine().getOut().println("wrote " + n + " samples to " + out);
        return 0;
    }

    /** The noise of the samples: with --label, noise that asks a conditional GAN for that class, or for each in turn. */
    private Tensor noise(Gan gan, int n) {
        if (label == null) {
            return gan.noise(new Generator(seed), n);
        }
        if (!gan.conditional()) {
            throw new IllegalArgumentException("--label: " + checkpoint + " holds an unconditional GAN, which draws"
                    + " whatever class it draws; only a run trained with --recipe conditional takes a class");
        }
        if (ALL_CLASSES.equals(label)) {
            // Whole rows of one z each, cut to n.
            int rows = (n + gan.classes() - 1) / gan.classes();
            return gan.classGrid(new Generator(seed), rows).narrow(0, 0, n);
        }
        int[] labels = new int[n];
        Arrays.fill(labels, oneClass(gan));
        return gan.noise(new Generator(seed), labels);
    }

    private int oneClass(Gan gan) {
        int c;
        try {
            c = Integer.parseInt(label);
        } catch (NumberFormatException e) {
            c = -1;
        }
        if (c < 0 || c >= gan.classes()) {
            throw new IllegalArgumentException("--label " + label + ": the GAN was trained on classes 0.."
                    + (gan.classes() - 1) + " (or 'all' for each in turn)");
        }
        return c;
    }

    static int maxSamples(int[] sampleShape) {
        return (int) Math.min(Integer.MAX_VALUE, MAX_VALUES / Shape.numel(sampleShape));
    }
}
