package dev.jgan.tutorials.gan1d;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.Chart;
import dev.jgan.gan.toy1d.FittedGaussian;
import dev.jgan.gan.toy1d.GeneratorGradient;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.nn.optim.SGD;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Section 3: the two generator losses at the start of training, when D already rejects G's
 * samples. We set that moment up on purpose: D trains alone for {@link #HEAD_START} steps against
 * the untrained G. Then, from that same state: how much gradient each loss sends to G, how far
 * plain gradient descent moves G with each while D stands still, and where full training with
 * Adam ends.
 */
final class SaturationSection {
    static final int HEAD_START = 100;
    static final int PROBE_BATCH = 256;
    static final int SGD_STEPS = 20;
    static final double SGD_LR = 0.01;
    static final int TRAINING_STEPS = 400;

    record Result(GeneratorGradient minimaxAtStep0, GeneratorGradient nonSaturatingAtStep0,
                  GeneratorGradient minimax, GeneratorGradient nonSaturating,
                  Map<GanLoss, double[]> sgdMeans, Map<GanLoss, FittedGaussian> trained) {
        /** How many times more gradient the non-saturating loss sends back to G's samples, after the head start. */
        double gradientRatio() {
            return nonSaturating.sampleGradient() / minimax.sampleGradient();
        }
    }

    private SaturationSection() {
    }

    static Result run(PrintStream out, Setup setup, Path images) throws IOException {
        out.println("== 3. saturation: the gradient each generator loss sends back to G");
        Gan gan = setup.newGan();
        Tensor z = gan.noise(new Generator(setup.seed() + 4), PROBE_BATCH);
        GeneratorGradient mm0 = GeneratorGradient.measure(gan, GanLoss.MINIMAX, z);
        GeneratorGradient ns0 = GeneratorGradient.measure(gan, GanLoss.NON_SATURATING, z);
        out.println("untrained D and G:");
        print(out, mm0, ns0);

        // k = HEAD_START + 1 in Algorithm 1: the first HEAD_START steps update D only.
        GanTrainer headStart = new GanTrainer(gan, new GanTrainer.Options(GanLoss.NON_SATURATING, HEAD_START + 1,
                setup.lr() * setup.discriminatorLrRatio(), 0.5, 0.999), new Generator(setup.seed() + 5));
        Generator dataGen = new Generator(setup.seed() + 6);
        for (int i = 0; i < HEAD_START; i++) {
            headStart.step(setup.data().sample(dataGen, setup.batchSize()));
        }
        GeneratorGradient mm = GeneratorGradient.measure(gan, GanLoss.MINIMAX, z);
        GeneratorGradient ns = GeneratorGradient.measure(gan, GanLoss.NON_SATURATING, z);
        out.println("after " + HEAD_START + " steps of D alone (G untouched):");
        print(out, mm, ns);
        out.println(String.format(Locale.ROOT, "the non-saturating loss pushes G's samples %.0f times harder",
                ns.sampleGradient() / mm.sampleGradient()));

        out.println(String.format(Locale.ROOT, "%d steps of plain gradient descent on G (lr %s), D held fixed:",
                SGD_STEPS, SGD_LR));
        Map<GanLoss, double[]> sgdMeans = new EnumMap<>(GanLoss.class);
        for (GanLoss loss : GanLoss.values()) {
            double[] means = descend(setup, setup.copyOf(gan), loss);
            sgdMeans.put(loss, means);
            out.println(String.format(Locale.ROOT, "  %-14s mean of G(z) %.3f -> %.3f", name(loss), means[0], means[1]));
        }

        out.println(String.format(Locale.ROOT, "%d steps of ordinary training (Adam, D and G) from the same state:",
                TRAINING_STEPS));
        Map<GanLoss, FittedGaussian> trained = new EnumMap<>(GanLoss.class);
        for (GanLoss loss : GanLoss.values()) {
            Gan copy = setup.copyOf(gan);
            setup.training(copy, loss, TRAINING_STEPS).train(TRAINING_STEPS);
            FittedGaussian fit = FittedGaussian.ofGenerator(copy, new Generator(setup.seed() + 7), 10_000);
            trained.put(loss, fit);
            out.println(String.format(Locale.ROOT, "  %-14s %s (data: mean %.3f, std %.3f)", name(loss), fit,
                    setup.data().mean(), setup.data().std()));
        }
        writeLossChart(images.resolve("generator-losses.png"));
        out.println("wrote generator-losses.png");
        return new Result(mm0, ns0, mm, ns, sgdMeans, trained);
    }

    /** SGD_STEPS steps of SGD on G alone; the mean of G's samples before and after. */
    private static double[] descend(Setup setup, Gan gan, GanLoss loss) {
        Generator noise = new Generator(setup.seed() + 8);
        double before = FittedGaussian.ofGenerator(gan, new Generator(setup.seed() + 9), 2000).mean();
        SGD sgd = new SGD(gan.generator().parameters(), SGD_LR);
        for (int i = 0; i < SGD_STEPS; i++) {
            Tensor lossG = loss.generatorLoss(gan.discriminator().forward(gan.generator().forward(
                    gan.noise(noise, setup.batchSize()))));
            sgd.zeroGrad();
            lossG.backward();
            sgd.step();
        }
        double after = FittedGaussian.ofGenerator(gan, new Generator(setup.seed() + 9), 2000).mean();
        return new double[]{before, after};
    }

    private static void print(PrintStream out, GeneratorGradient minimax, GeneratorGradient nonSaturating) {
        out.println(String.format(Locale.ROOT, "  D(G(z)) = %.4f on average", minimax.meanDFake()));
        out.println(String.format(Locale.ROOT, "  %-14s |dL/dG(z)| %.4f, |dL/dtheta_G| %.4f", name(GanLoss.MINIMAX),
                minimax.sampleGradient(), minimax.parameterNorm()));
        out.println(String.format(Locale.ROOT, "  %-14s |dL/dG(z)| %.4f, |dL/dtheta_G| %.4f",
                name(GanLoss.NON_SATURATING), nonSaturating.sampleGradient(), nonSaturating.parameterNorm()));
    }

    static String name(GanLoss loss) {
        return loss == GanLoss.MINIMAX ? "minimax" : "non-saturating";
    }

    /** Both generator losses as functions of D(G(z)), and their slopes with respect to D's logit. */
    private static void writeLossChart(Path file) throws IOException {
        int n = 999;
        double[] d = new double[n];
        double[] minimax = new double[n];
        double[] nonSaturating = new double[n];
        double[] minimaxSlope = new double[n];
        double[] nonSaturatingSlope = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = (i + 1) / 1000.0;
            minimax[i] = Math.log1p(-d[i]);
            nonSaturating[i] = -Math.log(d[i]);
            // With D = sigmoid(l): d log(1 - D) / dl = -D and d(-log D) / dl = -(1 - D).
            minimaxSlope[i] = d[i];
            nonSaturatingSlope[i] = 1 - d[i];
        }
        Chart.of("what G minimizes, as a function of D(G(z))", "D(G(z))", "loss, or |slope| per unit of D's logit")
                .line("minimax: log(1 - D)", d, minimax)
                .line("non-saturating: -log D", d, nonSaturating)
                .line("|d/dlogit| minimax = D", d, minimaxSlope)
                .line("|d/dlogit| non-saturating = 1 - D", d, nonSaturatingSlope)
                .xRange(0, 1)
                .yRange(-3, 3)
                .writePng(file);
    }
}
