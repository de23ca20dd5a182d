package dev.jgan.tutorials.modes;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.mmd.Mmd;
import dev.jgan.gan.toy.GaussianMixture2d;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Section 2: what MMD sees. The ring's samples against four stand-ins for a generator (a second
 * sample of the ring, a collapse onto one mode, the ring with a mode missing, the ring blurred),
 * scored by the unbiased MMD^2 with one bandwidth at a time and with the sum the chapter trains
 * with. Then the biased and unbiased estimates of two samples of one distribution.
 */
final class KernelSection {
    static final double[] SINGLE_BANDWIDTHS = {0.02, 0.1, 0.5, 2.0, 10.0};
    static final int SAMPLES = 500;

    private KernelSection() {
    }

    static void run(PrintStream out, GaussianMixture2d ring, double[] trainingBandwidths) {
        out.println("== 2. what MMD sees: unbiased MMD^2 against " + SAMPLES + " points of the ring, per bandwidth");
        Generator gen = new Generator(20);
        Tensor real = ring.sample(gen, SAMPLES).to(DType.FLOAT64);
        Map<String, GaussianMixture2d> candidates = new LinkedHashMap<>();
        candidates.put("another sample of the ring", ring);
        candidates.put("all on one mode", new GaussianMixture2d("one mode", new double[][]{ring.mode(0)}, ring.sigma()));
        candidates.put("one mode missing", new GaussianMixture2d("seven modes",
                Arrays.copyOf(allModes(ring), ring.modeCount() - 1), ring.sigma()));
        candidates.put("modes 10x wider", GaussianMixture2d.ring(ring.modeCount(), radius(ring), 10 * ring.sigma()));

        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-28s", "candidate"));
        for (double s : SINGLE_BANDWIDTHS) {
            header.append(String.format(Locale.ROOT, " %9s", "s=" + s));
        }
        header.append("  sum of ").append(Arrays.toString(trainingBandwidths));
        out.println(header);
        for (Map.Entry<String, GaussianMixture2d> c : candidates.entrySet()) {
            Tensor fake = c.getValue().sample(gen, SAMPLES).to(DType.FLOAT64);
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-28s", c.getKey()));
            for (double s : SINGLE_BANDWIDTHS) {
                row.append(String.format(Locale.ROOT, " %9.5f", Mmd.unbiasedSquared(fake, real, s).item()));
            }
            row.append(String.format(Locale.ROOT, "  %9.5f", Mmd.unbiasedSquared(fake, real, trainingBandwidths).item()));
            out.println(row);
        }

        out.println("two samples of the ring, 8 points each, mean over 500 draws (sum of the training bandwidths):");
        double biased = 0;
        double unbiased = 0;
        int draws = 500;
        for (int i = 0; i < draws; i++) {
            Tensor x = ring.sample(gen, 8).to(DType.FLOAT64);
            Tensor y = ring.sample(gen, 8).to(DType.FLOAT64);
            biased += Mmd.squared(x, y, trainingBandwidths).item() / draws;
            unbiased += Mmd.unbiasedSquared(x, y, trainingBandwidths).item() / draws;
        }
        out.println(String.format(Locale.ROOT, "biased %.4f, unbiased %.4f (the true MMD^2 is 0)", biased, unbiased));
    }

    private static double[][] allModes(GaussianMixture2d mixture) {
        double[][] modes = new double[mixture.modeCount()][];
        for (int m = 0; m < modes.length; m++) {
            modes[m] = mixture.mode(m);
        }
        return modes;
    }

    private static double radius(GaussianMixture2d ring) {
        double[] m = ring.mode(0);
        return Math.hypot(m[0], m[1]);
    }
}
