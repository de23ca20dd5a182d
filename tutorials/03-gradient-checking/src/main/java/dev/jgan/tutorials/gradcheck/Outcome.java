package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.gradcheck.GradCheck;

/** How a check ended, as the program prints it: "passed", or the message gradcheck failed with. */
final class Outcome {
    private Outcome() {
    }

    static String of(Runnable check) {
        try {
            check.run();
            return "passed";
        } catch (GradCheck.GradCheckError e) {
            return e.getMessage();
        }
    }
}
