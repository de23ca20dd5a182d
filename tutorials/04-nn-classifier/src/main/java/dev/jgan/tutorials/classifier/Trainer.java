package dev.jgan.tutorials.classifier;

import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses.Reduction;
import dev.jgan.nn.classify.Classifier;
import dev.jgan.nn.classify.Evaluation;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.loss.CrossEntropyLoss;
import dev.jgan.nn.optim.Optimizer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The supervised training loop of chapter 4: per batch, forward, cross-entropy, zeroGrad,
 * backward, step; after each epoch, a test in eval mode. It prints one line per epoch.
 */
final class Trainer {
    /** Images per evaluation batch: more than in training, since nothing is kept for a backward pass. */
    static final int EVAL_BATCH = 500;

    private final Classifier model;
    private final Optimizer optimizer;
    private final DataLoader loader;
    private final Dataset test;
    private final CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.MEAN);

    Trainer(Classifier model, Optimizer optimizer, DataLoader loader, Dataset test) {
        this.model = model;
        this.optimizer = optimizer;
        this.loader = loader;
        this.test = test;
    }

    /**
     * What one epoch gave: the training loss and accuracy (averaged over its batches, each
     * measured before that batch's step), the test result, and the seconds spent training and
     * testing.
     */
    record EpochResult(int epoch, double trainLoss, double trainAccuracy, Evaluation test, double trainSeconds,
                       double testSeconds) {
    }

    /**
     * Trains for {@code epochs} epochs, printing each; returns the last epoch's result. The last
     * quarter of the epochs (rounded down, so none of 3) runs at a tenth of the learning rate:
     * late in training the steps mostly jitter around a minimum, and smaller steps settle into it.
     */
    EpochResult fit(int epochs, PrintStream out) {
        EpochResult last = null;
        int slowFrom = epochs - epochs / 4;
        for (int e = 0; e < epochs; e++) {
            if (e == slowFrom) {
                optimizer.setLr(optimizer.lr() / 10);
                out.println(String.format(Locale.ROOT, "%-11s learning rate %.1e for the last %d epochs", model.name(),
                        optimizer.lr(), epochs - slowFrom));
            }
            last = epoch(e);
            out.println(String.format(Locale.ROOT,
                    "%-11s epoch %2d/%d  train loss %.4f acc %6.2f %%  test loss %.4f acc %6.2f %%  (%.1f s + %.1f s test)",
                    model.name(), e + 1, epochs, last.trainLoss(), 100 * last.trainAccuracy(), last.test().meanLoss(),
                    100 * last.test().accuracy(), last.trainSeconds(), last.testSeconds()));
        }
        return last;
    }

    EpochResult epoch(int epoch) {
        long start = System.nanoTime();
        model.train();
        double lossSum = 0;
        int correct = 0;
        int seen = 0;
        for (Batch batch : loader.epoch(epoch)) {
            Tensor logits = model.forward(batch.images());
            Tensor batchLoss = loss.forward(logits, batch.labels());
            optimizer.zeroGrad();
            batchLoss.backward();
            optimizer.step();

            lossSum += batchLoss.item() * batch.size();
            int[] predicted = Evaluation.predictions(logits);
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == batch.labels()[i] ? 1 : 0;
            }
            seen += batch.size();
        }
        long trained = System.nanoTime();
        Evaluation result = Evaluation.of(model, test, model.numClasses(), EVAL_BATCH);
        return new EpochResult(epoch, lossSum / seen, correct / (double) seen, result, (trained - start) / 1e9,
                (System.nanoTime() - trained) / 1e9);
    }
}
