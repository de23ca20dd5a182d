package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.Tensor;
import dev.jgan.core.gradcheck.GradCheck;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Chapter 3's program: finite differences and their errors, a wrong backward caught by
 * gradcheck, the whole Jacobian of a broadcast mul, the registry's samples of mul, kinks, and a
 * backward that passes gradcheck but fails gradgradcheck. Everything the chapter text quotes is
 * printed here.
 */
public final class GradientCheckingChapter {
    /** The inputs the hand-written tanh is checked at. */
    static final double[] TANH_INPUTS = {0.5, -1.0, 2.0};

    /** The gradient penalty's data point and critic weights. */
    static final double[] PENALTY_X = {0.5, -1.0, 2.0};
    static final double[] PENALTY_W = {0.3, 0.8, -0.4};

    private GradientCheckingChapter() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            throw new IllegalArgumentException("03-gradient-checking: the program takes no arguments, got "
                    + Arrays.toString(args));
        }
        run(System.out);
    }

    static void run(PrintStream out) {
        finiteDifferences(out);
        wholeJacobian(out);
        wrongBackward(out);
        registrySamples(out);
        kinks(out);
        secondOrder(out);
    }

    private static void finiteDifferences(PrintStream out) {
        out.println(String.format(Locale.ROOT, "== d tanh(x) / dx at x = %.1f (exactly %.9f): absolute errors",
                FiniteDifferences.X, FiniteDifferences.exact()));
        out.println("    eps     forward f64  central f64  forward f32  central f32");
        for (double eps : FiniteDifferences.STEPS) {
            FiniteDifferences.Row r = FiniteDifferences.row(eps);
            out.println(String.format(Locale.ROOT, "%7.0e  %11.1e  %11.1e  %11.1e  %11.1e", r.eps(), r.forward64(),
                    r.central64(), r.forward32(), r.central32()));
        }
    }

    private static void wrongBackward(PrintStream out) {
        out.println("== gradcheck of a hand-written tanh whose backward forgot the square");
        out.println(checkTanh(HandWrittenTanh.SQUARE_FORGOTTEN));
        out.println("== the same with the square put back");
        out.println(checkTanh(HandWrittenTanh.RIGHT));
    }

    private static String checkTanh(UnaryOperator<Tensor> derivative) {
        Tensor x = Tensor.fromArray(TANH_INPUTS, TANH_INPUTS.length).requiresGrad(true);
        return Outcome.of(() -> GradCheck.gradcheck(in -> HandWrittenTanh.tanh(in.get(0), derivative), x));
    }

    private static void wholeJacobian(PrintStream out) {
        Tensor a = Tensor.fromArray(new double[]{1, 2}, 2, 1).requiresGrad(true);
        Tensor b = Tensor.fromArray(new double[]{3, 4, 5}, 3).requiresGrad(true);
        Function<List<Tensor>, Tensor> f = in -> in.get(0).mul(in.get(1));
        double[][] analytical = Jacobians.analytical(f, List.of(a, b));
        double[][] numerical = Jacobians.numerical(f, List.of(a, b), 1e-6);
        out.println("== the Jacobian of a * b, a = [[1], [2]] ([2, 1]) and b = [3, 4, 5] ([3]), out [2, 3]");
        out.println("           d/da0  d/da1  d/db0  d/db1  d/db2");
        for (int j = 0; j < analytical.length; j++) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "out[%d,%d]", j / 3, j % 3));
            for (double v : analytical[j]) {
                line.append(String.format(Locale.ROOT, " %6.1f", v));
            }
            out.println(line);
        }
        out.println(String.format(Locale.ROOT, "largest |analytical - numerical| over all %d entries: %.1e",
                analytical.length * analytical[0].length, Jacobians.largestDifference(analytical, numerical)));
    }

    private static void registrySamples(PrintStream out) {
        out.println("== mul's samples from the registry, rerun with seed " + MulSamples.SEED);
        out.println(String.format(Locale.ROOT, "%-58s %-7s %-9s %5s  %-9s %s", "sample", "output", "Jacobian",
                "calls", "gradcheck", "gradgradcheck"));
        MulSamples.checkAll().forEach(r -> out.println(MulSamples.describe(r)));
    }

    private static void kinks(PrintStream out) {
        out.println("== gradcheck at and near kinks");
        for (Kinks.Case c : Kinks.CASES) {
            out.println(String.format(Locale.ROOT, "%-40s %s", c.description(), Kinks.check(c)));
        }
    }

    private static void secondOrder(PrintStream out) {
        out.println("== a backward with the right values, computed from detached tensors");
        out.println("gradcheck:     " + checkTanh(HandWrittenTanh.DETACHED));
        out.println("gradgradcheck: " + checkTanhSecondOrder(HandWrittenTanh.DETACHED));
        out.println("== the same check of the right backward");
        out.println("gradcheck:     " + checkTanh(HandWrittenTanh.RIGHT));
        out.println("gradgradcheck: " + checkTanhSecondOrder(HandWrittenTanh.RIGHT));
        out.println("== d penalty / d w for the penalty (|dD/dx| - 1)^2 of D(x) = sum(tanh(x * w))");
        out.println("core's tanh:               " + format(GradientPenalty.gradientForW(PENALTY_X, PENALTY_W, Tensor::tanh)));
        out.println("hand-written, right:       " + format(GradientPenalty.gradientForW(PENALTY_X, PENALTY_W,
                x -> HandWrittenTanh.tanh(x, HandWrittenTanh.RIGHT))));
        out.println("hand-written, detached:    " + format(GradientPenalty.gradientForW(PENALTY_X, PENALTY_W,
                x -> HandWrittenTanh.tanh(x, HandWrittenTanh.DETACHED))));
    }

    private static String checkTanhSecondOrder(UnaryOperator<Tensor> derivative) {
        Tensor x = Tensor.fromArray(TANH_INPUTS, TANH_INPUTS.length).requiresGrad(true);
        return Outcome.of(() -> GradCheck.gradgradcheck(in -> HandWrittenTanh.tanh(in.get(0), derivative), x));
    }

    private static String format(double[] values) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.6f", values[i]));
        }
        return s.append("]").toString();
    }
}
