package dev.jgan.gan.cli;

import dev.jgan.gan.run.RunConfig;
import dev.jgan.gan.run.Summary;
import dev.jgan.gan.run.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GAN and write its pictures, metrics and checkpoints to --out.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "mlp", description = "Model: mlp (gan.py's fully connected GAN). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--data", defaultValue = "digits",
            description = "digits (embedded 8x8 handwritten digits), fashion-mnist (Debian's dataset-fashion-mnist),"
                    + " or a directory with MNIST IDX files or CIFAR-10 batches. Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--epochs", description = "Epochs to train (with --resume: the new total). Default: 30.")
    Integer epochs;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every random stream. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--batch-size", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--latent-dim", defaultValue = "100", description = "Size of the noise z. Default: ${DEFAULT-VALUE}.")
    int latentDim;

    @Option(names = "--loss", defaultValue = "non-saturating",
            description = "Generator loss: minimax or non-saturating. Default: ${DEFAULT-VALUE}.")
    String loss;

    @Option(names = "--d-steps", defaultValue = "1", description = "Discriminator steps per generator step (k). Default: ${DEFAULT-VALUE}.")
    int discriminatorSteps;

    @Option(names = "--lr", defaultValue = "2e-4", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--sample-every", defaultValue = "200", description = "Write a sample grid every N steps. Default: ${DEFAULT-VALUE}.")
    int sampleEvery;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or cuda. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--out", description = "Directory for the run's outputs.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in this directory from its last checkpoint.")
    Path resume;

    @Option(names = "--no-progress", description = "Print one line per epoch instead of a progress bar.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        DeviceChoice.check(device);
        TrainingRun run;
        if (resume != null) {
            if (out != null && !out.equals(resume)) {
                throw new IllegalArgumentException("--out and --resume name different directories; --resume alone is enough");
            }
            run = TrainingRun.resume(resume, epochs);
        } else {
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required (or --resume DIR)");
            }
            RunConfig config = new RunConfig(model, data, epochs == null ? 30 : epochs, seed, batchSize, latentDim, loss,
                    discriminatorSteps, lr, 0.5, 0.999, sampleEvery, dev.jgan.gan.models.MlpGan.GAN_PY_BATCH_NORM_EPS);
            run = TrainingRun.start(config, out);
        }
        Summary summary = run.run(noProgress ? new EpochLines(spec.commandLine().getOut())
                : new ProgressBarListener());
        spec.commandLine().getOut().printf("done: %d steps, %.1f s/epoch; last epoch D loss %.3f, G loss %.3f,"
                        + " D(x) %.3f, D(G(z)) %.3f; pictures in %s%n", summary.steps(), summary.secondsPerEpoch(),
                summary.lastEpochDLoss(), summary.lastEpochGLoss(), summary.lastEpochDReal(), summary.lastEpochDFake(),
                resume != null ? resume : out);
        return 0;
    }
}
