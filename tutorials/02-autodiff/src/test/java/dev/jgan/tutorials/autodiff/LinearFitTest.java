package dev.jgan.tutorials.autodiff;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LinearFitTest {

    @Test
    void gradientDescentFindsTheLineWithinASmallBudget() {
        LinearFit fit = new LinearFit(AutodiffChapter.SEED);
        double before = fit.loss().item();
        LinearFit.Result r = fit.fit(100, AutodiffChapter.LEARNING_RATE, new PrintStream(OutputStream.nullOutputStream()), 10);
        assertEquals(LinearFit.TRUE_W, r.w(), 0.05);
        assertEquals(LinearFit.TRUE_B, r.b(), 0.05);
        // What is left is the noise: its variance is NOISE_STD^2 = 0.01.
        assertTrue(r.loss() < 0.02 && r.loss() < before / 100, "loss " + before + " -> " + r.loss());
    }
}
