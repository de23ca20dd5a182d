package dev.jgan.gan.run;

import dev.jgan.gan.train.StepResult;

/** What a training run tells its observer: a progress bar, a log, or nothing (tests). */
public interface ProgressListener {
    default void started(RunConfig config, long totalSteps, long stepsDone) {
    }

    default void step(StepResult result, int epoch) {
    }

    default void epochDone(int epoch, int epochs) {
    }

    default void finished(Summary summary) {
    }

    ProgressListener SILENT = new ProgressListener() {
    };
}
