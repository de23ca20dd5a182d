package dev.jgan.tutorials.gan1d;

import dev.jgan.gan.pictures.Drawing;

import java.awt.Color;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Section 2's picture: Algorithm 1 of Goodfellow et al. (2014) as a flow chart (k steps on D,
 * then one on G, repeated), and below it the order of the updates over three iterations for
 * k = 1 and k = 3.
 */
final class AlgorithmDiagram {
    static final String FILE = "algorithm-1.png";
    static final Color D_STEP = new Color(0xCF, 0xE2, 0xF3);
    static final Color G_STEP = new Color(0xFC, 0xE5, 0xCD);
    static final int WIDTH = 900;
    static final int HEIGHT = 470;
    /** The update timelines: where each row's first block starts, and a block's size. */
    static final int TIMELINE_LEFT = 250;
    static final int TIMELINE_TOP = 330;
    static final int ROW = 60;
    static final int BLOCK = 34;
    static final int BLOCK_GAP = 8;
    static final int ITERATIONS = 3;
    static final int[] KS = {1, 3};

    private AlgorithmDiagram() {
    }

    static void write(PrintStream out, Path images) throws IOException {
        draw().writePng(images.resolve(FILE));
        out.println("wrote " + FILE + ": Algorithm 1 as a flow chart, and its update order for k = 1 and k = 3");
    }

    static Drawing draw() {
        Drawing d = Drawing.blank(WIDTH, HEIGHT);
        d.font(16, true).text(20, 28, "Algorithm 1 of Goodfellow et al. (2014): k steps on D, then one step on G");

        // The D step, in a frame that says it repeats k times.
        d.font(13, false);
        d.outline(20, 50, 520, 190, Drawing.INK, 1f);
        d.text(30, 70, "repeat k times (a fresh batch each time); G is held fixed");
        d.roundBox(40, 85, 230, 60, D_STEP, "sample m real x from the data", "and m noise vectors z");
        d.roundBox(40, 165, 480, 60, D_STEP, "update D: ascend the gradient of",
                "(1/m) sum [ log D(x) + log(1 - D(G(z))) ]");
        d.arrow(155, 145, 155, 165);
        d.polyArrow(520, 195, 530, 195, 530, 115, 270, 115);

        // The G step.
        d.text(575, 70, "then once; D is held fixed");
        d.roundBox(575, 85, 300, 60, G_STEP, "sample m fresh noise vectors z");
        d.roundBox(575, 165, 300, 66, G_STEP, "update G: descend the gradient of", "(1/m) sum log(1 - D(G(z)))",
                "(in practice: ascend log D(G(z)), section 3)");
        d.arrow(540, 150, 575, 115);
        d.arrow(725, 145, 725, 165);
        // Back to D: the next training iteration.
        d.polyArrow(725, 231, 725, 270, 10, 270, 10, 115, 40, 115);
        d.text(300, 264, "next training iteration");

        // The order of the updates.
        d.font(13, true).text(20, TIMELINE_TOP - 18, "the order of updates over " + ITERATIONS + " iterations:");
        d.font(13, false);
        for (int row = 0; row < KS.length; row++) {
            int k = KS[row];
            double y = TIMELINE_TOP + row * ROW;
            d.text(20, y + BLOCK / 2.0 + 5, k == 1 ? "k = 1 (the paper, GanTrainer)" : "k = " + k);
            double x = TIMELINE_LEFT;
            for (int it = 0; it < ITERATIONS; it++) {
                for (int s = 0; s < k; s++) {
                    d.box(x, y, BLOCK, BLOCK, D_STEP, "D");
                    x += BLOCK + BLOCK_GAP;
                }
                d.box(x, y, BLOCK, BLOCK, G_STEP, "G");
                x += BLOCK + 3 * BLOCK_GAP;
            }
        }
        return d;
    }

    /** The left edge of block {@code index} (0-based, D and G blocks counted together) of row {@code row}. */
    static double blockLeft(int row, int index) {
        int k = KS[row];
        int iteration = index / (k + 1);
        int within = index % (k + 1);
        return TIMELINE_LEFT + iteration * ((k + 1) * (BLOCK + BLOCK_GAP) + 2 * BLOCK_GAP) + within * (BLOCK + BLOCK_GAP);
    }
}
