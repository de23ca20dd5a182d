package dev.jgan.nn.classify;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.ops.Losses.Reduction;
import dev.jgan.nn.Module;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.loss.ClassificationLosses;

/**
 * How well a classifier does on a data set: the confusion matrix ({@code confusion[label][predicted]}
 * counts) and the mean cross-entropy. The prediction is the class with the largest logit.
 */
public record Evaluation(int[][] confusion, double meanLoss) {

    /**
     * Runs {@code model} (logits [N, classes]) over every example of {@code data} in eval mode
     * (dropout off, batch-norm running statistics) and without recording a graph, then puts the
     * model back in the mode it was in.
     */
    public static Evaluation of(Module model, Dataset data, int classes, int batchSize) {
        if (data.size() == 0) {
            throw new IllegalArgumentException("Evaluation: the data set is empty");
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        int[][] confusion = new int[classes][classes];
        double lossSum = 0;
        try (GradMode.Scope scope = GradMode.noGrad()) {
            for (Batch batch : DataLoader.builder(data).batchSize(batchSize).build().epoch(0)) {
                Tensor logits = model.forward(batch.images());
                if (logits.dim() != 2 || logits.size(1) != classes) {
                    throw new IllegalArgumentException("Evaluation: the model gave logits of shape "
                            + Shape.format(logits.shape()) + ", expected [" + batch.size() + ", " + classes + "]");
                }
                lossSum += ClassificationLosses.crossEntropy(logits, batch.labels(), Reduction.SUM).item();
                int[] predicted = predictions(logits);
                for (int i = 0; i < predicted.length; i++) {
                    confusion[batch.labels()[i]][predicted[i]]++;
                }
            }
        } finally {
            model.train(wasTraining);
        }
        return new Evaluation(confusion, lossSum / data.size());
    }

    /** The index of the largest logit of each row of {@code logits} [N, classes] (the first on ties). */
    public static int[] predictions(Tensor logits) {
        if (logits.dim() != 2) {
            throw new IllegalArgumentException("predictions: logits of shape " + Shape.format(logits.shape())
                    + " must be [N, classes]");
        }
        int n = logits.size(0);
        int classes = logits.size(1);
        float[] values = logits.toFloatArray();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (values[i * classes + c] > values[i * classes + best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    public int total() {
        int total = 0;
        for (int[] row : confusion) {
            for (int count : row) {
                total += count;
            }
        }
        return total;
    }

    public int correct() {
        int correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return correct;
    }

    /** The fraction of examples whose predicted class is their label. */
    public double accuracy() {
        return correct() / (double) total();
    }

    /** The fraction of examples labelled {@code label} that were predicted as such (recall). */
    public double classAccuracy(int label) {
        int count = 0;
        for (int n : confusion[label]) {
            count += n;
        }
        return count == 0 ? Double.NaN : confusion[label][label] / (double) count;
    }
}
