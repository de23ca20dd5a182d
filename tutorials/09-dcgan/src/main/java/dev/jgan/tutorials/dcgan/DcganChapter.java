package dev.jgan.tutorials.dcgan;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Dcgan;
import dev.jgan.gan.models.DcganDiscriminator;
import dev.jgan.gan.models.DcganGenerator;
import dev.jgan.gan.models.Gan;
import dev.jgan.nn.Module;
import dev.jgan.nn.NormalizationLayer;
import dev.jgan.nn.WeightedLayer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Chapter 9's program: the DCGAN networks for 64x64 and 32x32 images as tables of shapes, the
 * paper's initialization checked on them, and a timed training run on Fashion-MNIST padded to
 * 32x32 that writes a grid of samples. Everything the chapter text quotes is printed here.
 *
 * <p>Arguments (all optional): training steps (default {@value #DEFAULT_STEPS}), ngf = ndf
 * (default 64), batch size (default 64), data set (default fashion-mnist; digits also works) and
 * a folder for pictures of real beside generated images during the run (default none; the
 * chapter's own pictures came from {@code 937 16 64 fashion-mnist tutorials/09-dcgan/images}).
 */
public final class DcganChapter {
    static final int DEFAULT_STEPS = 50;
    static final Budget DEFAULT_BUDGET = new Budget("fashion-mnist", DEFAULT_STEPS, 64, 64, 10);
    static final Path SAMPLES = Path.of("runs", "09-dcgan", "samples.png");
    private static final long SEED = 0;

    private DcganChapter() {
    }

    public static void main(String[] args) throws IOException {
        Budget d = DEFAULT_BUDGET;
        Budget budget = new Budget(args.length > 3 ? args[3] : d.data(), intArg(args, 0, "steps", d.steps()),
                intArg(args, 2, "batch size", d.batchSize()), intArg(args, 1, "width", d.width()), d.logEvery());
        run(System.out, budget, SAMPLES, args.length > 4 ? Path.of(args[4]) : null);
    }

    private static int intArg(String[] args, int index, String what, int otherwise) {
        if (args.length <= index) {
            return otherwise;
        }
        try {
            return Integer.parseInt(args[index]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("09-dcgan: argument " + (index + 1) + " is the " + what + ", got '"
                    + args[index] + "'", e);
        }
    }

    static ChapterTraining.Result run(PrintStream out, Budget budget, Path samples, Path pictures) throws IOException {
        architecture(out, Dcgan.Config.of(64, 3));
        architecture(out, Dcgan.Config.of(32, 1));
        SeedDcgan.run(out);
        initialization(out, Dcgan.build(Dcgan.Config.of(32, 1), new Generator(SEED)));

        out.printf(Locale.ROOT, "== training dcgan32 on %s: ngf = ndf = %d, batch %d, %d steps%n", budget.data(),
                budget.width(), budget.batchSize(), budget.steps());
        ChapterTraining.Result r = ChapterTraining.run(out, budget, samples, pictures);
        out.printf(Locale.ROOT, "time: %.3f s/step wall-clock, %.3f s/step of CPU time (%d processors),"
                        + " steps %d to %d%n", r.wallSecondsPerStep(), r.cpuSecondsPerStep(),
                Runtime.getRuntime().availableProcessors(), ChapterTraining.WARM_UP_STEPS + 1, r.steps().size());
        out.printf(Locale.ROOT, "one epoch = %d steps = %.1f minutes at this speed%n", r.stepsPerEpoch(),
                r.stepsPerEpoch() * r.wallSecondsPerStep() / 60);
        out.printf(Locale.ROOT, "samples %s in [%.3f, %.3f], written beside real images to %s%n", LayerTable.perImage(r.samples()),
                r.samples().min().item(), r.samples().max().item(), samples);
        BatchNormSection.run(out);
        OneNodeBatchNorm.run(out);
        return r;
    }

    /** G and D of one configuration, layer by layer, with the shape after each layer. */
    static void architecture(PrintStream out, Dcgan.Config c) {
        Gan gan = Dcgan.build(c, new Generator(SEED));
        DcganGenerator g = (DcganGenerator) gan.generator();
        DcganDiscriminator d = (DcganDiscriminator) gan.discriminator();
        out.printf(Locale.ROOT, "== %s generator: nz = %d, ngf = %d, %s parameters%n", c.name(), c.latentDim(), c.ngf(),
                LayerTable.count(LayerTable.parameters(g)));
        out.printf(Locale.ROOT, "  noise z [%d], viewed as a %d-channel 1x1 image [%d, 1, 1]%n", c.latentDim(),
                c.latentDim(), c.latentDim());
        LayerTable.print(out, g.layers(), Tensor.zeros(1, c.latentDim(), 1, 1));
        out.printf(Locale.ROOT, "== %s discriminator: ndf = %d, %s parameters%n", c.name(), c.ndf(),
                LayerTable.count(LayerTable.parameters(d)));
        Tensor logit = LayerTable.print(out, d.layers(), Tensor.zeros(1, c.channels(), c.imageSize(), c.imageSize()));
        out.printf(Locale.ROOT, "  the %s output is viewed as [N, 1]: one logit per image%n",
                LayerTable.perImage(logit));
    }

    /** The statistics of the weights after Init.dcgan: they should be N(0, 0.02) and N(1, 0.02). */
    static void initialization(PrintStream out, Gan gan) {
        out.println("== weights after Init.dcgan (dcgan32, both networks)");
        List<Tensor> convs = new ArrayList<>();
        List<Tensor> scales = new ArrayList<>();
        List<Tensor> shifts = new ArrayList<>();
        for (Module net : List.of(gan.generator(), gan.discriminator())) {
            for (Module m : net.namedModules().values()) {
                if (m instanceof NormalizationLayer n) {
                    scales.add(n.weight());
                    shifts.add(n.bias());
                } else if (m instanceof WeightedLayer w) {
                    convs.add(w.weight());
                }
            }
        }
        stats(out, "convolution weights", convs);
        stats(out, "BatchNorm scales", scales);
        stats(out, "BatchNorm shifts", shifts);
    }

    private static void stats(PrintStream out, String what, List<Tensor> tensors) {
        Tensor all = Tensor.concat(tensors.stream().map(t -> t.detach().flatten()).toList(), 0);
        out.printf(Locale.ROOT, "  %-20s %,9d values: mean %7.4f, std %.4f%n", what, all.numel(), all.mean().item(),
                all.var(new int[0], 1, false).sqrt().item());
    }
}
