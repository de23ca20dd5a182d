package dev.jgan.tutorials.mlpgan;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.pictures.Chart;
import dev.jgan.gan.toy1d.GeneratorGradient;
import dev.jgan.gan.train.GanLoss;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.TensorDataset;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Section 2: the gradient each generator loss sends back to G at the start of training, when D
 * already tells G's blurry noise from digits. D trains alone for {@link #HEAD_START} steps (k =
 * HEAD_START + 1 in Algorithm 1: only D moves); then, for the same noise, we measure both
 * losses' gradients with respect to G's samples and G's parameters. The chart draws the
 * per-sample gradient with respect to D's logit, d loss / d l, as a function of D(G(z)).
 */
final class SaturationSection {
    static final int HEAD_START = 150;
    static final int PROBE_BATCH = 256;

    /** Both losses' gradients for the untrained pair and after D's head start. */
    record Result(GeneratorGradient minimaxAtStart, GeneratorGradient nonSaturatingAtStart,
                  GeneratorGradient minimax, GeneratorGradient nonSaturating) {
        double ratio() {
            return nonSaturating.parameterNorm() / minimax.parameterNorm();
        }
    }

    private SaturationSection() {
    }

    static Result run(PrintStream out, TensorDataset data, long seed, Path chartFile) throws IOException {
        out.println("== 2. saturation: the gradient each generator loss sends back to G");
        Gan gan = Training.newGan(data, seed);
        Tensor z = gan.noise(new Generator(seed + 5), PROBE_BATCH);
        GeneratorGradient mm0 = GeneratorGradient.measure(gan, GanLoss.MINIMAX, z);
        GeneratorGradient ns0 = GeneratorGradient.measure(gan, GanLoss.NON_SATURATING, z);
        out.println("untrained D and G:");
        print(out, mm0, ns0);

        GanTrainer.Options dOnly = new GanTrainer.Options(GanLoss.NON_SATURATING, HEAD_START + 1, 2e-4, 0.5, 0.999);
        GanTrainer headStart = new GanTrainer(gan, dOnly, new Generator(seed + 6));
        DataLoader loader = DataLoader.builder(data).batchSize(Training.BATCH_SIZE).shuffle(new Generator(seed + 7))
                .dropLast(true).build();
        for (int epoch = 0; headStart.stepCount() < HEAD_START; epoch++) {
            for (Batch batch : loader.epoch(epoch)) {
                if (headStart.stepCount() == HEAD_START) {
                    break;
                }
                headStart.step(batch.images());
            }
        }
        GeneratorGradient mm = GeneratorGradient.measure(gan, GanLoss.MINIMAX, z);
        GeneratorGradient ns = GeneratorGradient.measure(gan, GanLoss.NON_SATURATING, z);
        out.println("after " + HEAD_START + " steps of D alone (G untouched):");
        print(out, mm, ns);
        Result result = new Result(mm0, ns0, mm, ns);
        out.printf(Locale.ROOT, "the non-saturating loss sends G a %.1f times larger parameter gradient%n",
                result.ratio());
        chart(chartFile, mm.meanDFake());
        return result;
    }

    private static void print(PrintStream out, GeneratorGradient mm, GeneratorGradient ns) {
        out.println("  minimax        " + mm);
        out.println("  non-saturating " + ns);
    }

    /** |d loss / d l| per sample against D(G(z)) = sigmoid(l), through the library's own losses. */
    private static void chart(Path file, double measuredDFake) throws IOException {
        int m = 199;
        double[] p = new double[m];
        double[] logit = new double[m];
        for (int i = 0; i < m; i++) {
            p[i] = (i + 1) / (m + 1.0);
            logit[i] = Math.log(p[i] / (1 - p[i]));
        }
        Chart chart = Chart.of("Gradient of G's loss per sample, early D(G(z)) = "
                        + String.format(Locale.ROOT, "%.3f", measuredDFake), "D(G(z))", "|d loss / d logit|")
                .yRange(0, 1).xRange(0, 1);
        for (GanLoss loss : GanLoss.values()) {
            Tensor l = Tensor.fromArray(logit, m, 1).requiresGrad(true);
            loss.generatorLoss(l).backward();
            // The loss is a mean over m logits, so one sample's own gradient is m times its share.
            double[] g = l.grad().abs().mul(m).toDoubleArray();
            chart.line(loss == GanLoss.MINIMAX ? "minimax: log(1 - D(G(z)))" : "non-saturating: -log D(G(z))", p, g);
        }
        chart.writePng(file);
    }
}
