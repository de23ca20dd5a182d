package dev.jgan.tutorials.gan1d;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Section 2: the numbers of the minimax game that need no training. The best discriminator at a
 * point x maximizes a log y + b log(1 - y) over y, with a = p_data(x) and b = p_g(x); a grid
 * search finds the maximum where the derivative a / y - b / (1 - y) vanishes, y = a / (a + b).
 */
final class GameSection {
    private GameSection() {
    }

    static void run(PrintStream out) {
        out.println("== 2. the game V(D, G) = E[log D(x)] + E[log(1 - D(G(z)))]");
        double[][] densities = {{0.3, 0.1}, {0.1, 0.3}, {0.2, 0.2}};
        for (double[] ab : densities) {
            double a = ab[0];
            double b = ab[1];
            out.println(String.format(Locale.ROOT,
                    "p_data = %.1f, p_g = %.1f: a log y + b log(1 - y) is largest at y = %.4f; a / (a + b) = %.4f",
                    a, b, argmaxOnGrid(a, b, 100_000), a / (a + b)));
        }
        out.println(String.format(Locale.ROOT, "at the optimum p_g = p_data, D* = 1/2 and V = 2 log(1/2) = -log 4 = %.4f",
                -Math.log(4)));
        out.println(String.format(Locale.ROOT, "V(D*, G) = -log 4 + 2 JSD(p_data || p_g); JSD lies in [0, log 2 = %.4f]",
                Math.log(2)));
    }

    private static double argmaxOnGrid(double a, double b, int points) {
        double best = Double.NEGATIVE_INFINITY;
        double arg = Double.NaN;
        for (int i = 1; i < points; i++) {
            double y = (double) i / points;
            double v = a * Math.log(y) + b * Math.log1p(-y);
            if (v > best) {
                best = v;
                arg = y;
            }
        }
        return arg;
    }
}
