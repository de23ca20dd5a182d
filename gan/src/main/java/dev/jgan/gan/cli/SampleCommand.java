package dev.jgan.gan.cli;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.io.Npy;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.ImageGrid;
import dev.jgan.gan.run.RunConfig;
import dev.jgan.gan.run.TrainingRun;
import dev.jgan.nn.io.SafeTensorsFile;
import dev.jgan.nn.io.SafeTensorsReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw samples from a trained generator: a PNG grid or a .npy array [n, C, H, W] in [-1, 1].")
final class SampleCommand implements Callable<Integer> {
    private static final String PREFIX = "generator.";

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", required = true, description = "A checkpoint.safetensors written by gan train.")
    Path checkpoint;

    @Option(names = "--n", defaultValue = "64", description = "Number of samples. Default: ${DEFAULT-VALUE}.")
    int n;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the noise. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", required = true, description = "Output file: *.png (a grid) or *.npy (the array).")
    Path out;

    @Override
    public Integer call() throws Exception {
        String name = out.getFileName().toString();
        if (!name.endsWith(".png") && !name.endsWith(".npy")) {
            throw new IllegalArgumentException("--out: '" + out + "' must end in .png or .npy");
        }
        if (n < 1) {
            throw new IllegalArgumentException("--n must be >= 1, got " + n);
        }
        if (!Files.exists(checkpoint)) {
            throw new IllegalArgumentException("--checkpoint: no such file: " + checkpoint);
        }
        SafeTensorsFile file = SafeTensorsReader.read(checkpoint);
        RunConfig config = TrainingRun.configOf(file.metadata());
        Gan gan = TrainingRun.buildGan(config, TrainingRun.imageShapeOf(file.metadata()));
        Map<String, Tensor> state = new LinkedHashMap<>();
        file.tensors().forEach((key, t) -> {
            if (key.startsWith(PREFIX)) {
                state.put(key.substring(PREFIX.length()), t);
            }
        });
        gan.generator().loadStateDict(state, true);
        Tensor samples = gan.sample(new Generator(seed), n);
        if (name.endsWith(".png")) {
            ImageGrid.writePng(samples, (int) Math.ceil(Math.sqrt(n)), Math.max(1, 64 / gan.sampleShape()[1]), out);
        } else {
            Npy.write(samples, out);
        }
        spec.commandLine().getOut().println("wrote " + n + " samples to " + out);
        return 0;
    }
}
