package dev.jgan.nn.loss;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.core.ops.Losses.Reduction;

import java.util.Arrays;

/**
 * Losses over class labels, as torch.nn.functional's {@code nll_loss} and {@code cross_entropy}.
 *
 * <p>Shapes: the input is [N, C] (N samples, C classes) or [N, C, d1, ..., dk] (a class per
 * position, e.g. per pixel); the labels have the input's shape without the class dim. Labels
 * are class indices 0..C-1, given either as an {@code int[]} in row-major order or as a tensor
 * of whole numbers (what a data loader yields, since tensors here hold floats). Every label is
 * checked; there is no ignore index.
 *
 * <p>The loss is built from differentiable ops: a one-hot mask of the labels multiplies the
 * log-probabilities and a sum over the class dim picks the labeled one. Its gradient is
 * therefore exact and needs no op of its own.
 */
public final class ClassificationLosses {
    private ClassificationLosses() {
    }

    /** Cross-entropy of {@code labels} under {@code logits}: nllLoss(logSoftmax(logits, dim 1)). */
    public static Tensor crossEntropy(Tensor logits, int[] labels, Reduction reduction) {
        checkInput("cross_entropy", logits);
        return nllLoss("cross_entropy", logits.logSoftmax(1), labels, reduction);
    }

    public static Tensor crossEntropy(Tensor logits, Tensor labels, Reduction reduction) {
        checkInput("cross_entropy", logits);
        return nllLoss("cross_entropy", logits.logSoftmax(1), toIndices("cross_entropy", logits, labels), reduction);
    }

    /** -logProbs[n, labels[n]] for each sample (and position), reduced. */
    public static Tensor nllLoss(Tensor logProbs, int[] labels, Reduction reduction) {
        checkInput("nll_loss", logProbs);
        return nllLoss("nll_loss", logProbs, labels, reduction);
    }

    public static Tensor nllLoss(Tensor logProbs, Tensor labels, Reduction reduction) {
        checkInput("nll_loss", logProbs);
        return nllLoss("nll_loss", logProbs, toIndices("nll_loss", logProbs, labels), reduction);
    }

    private static Tensor nllLoss(String op, Tensor logProbs, int[] labels, Reduction reduction) {
        Tensor mask = oneHot(op, logProbs, labels);
        Tensor loss = logProbs.mul(mask).sum(1).neg();
        return switch (reduction) {
            case NONE -> loss;
            case MEAN -> loss.mean();
            case SUM -> loss.sum();
        };
    }

    private static void checkInput(String op, Tensor input) {
        if (input.dim() < 2) {
            throw new IllegalArgumentException(op + ": input of shape " + Shape.format(input.shape())
                    + " must be [N, C] or [N, C, d1, ...] (samples, classes, positions)");
        }
    }

    /** The shape the labels must have: the input's without the class dim. */
    private static int[] labelShape(Tensor input) {
        int[] shape = input.shape();
        int[] out = new int[shape.length - 1];
        out[0] = shape[0];
        System.arraycopy(shape, 2, out, 1, shape.length - 2);
        return out;
    }

    private static int[] toIndices(String op, Tensor input, Tensor labels) {
        int[] expected = labelShape(input);
        if (!Arrays.equals(labels.shape(), expected)) {
            throw new IllegalArgumentException(op + ": labels of shape " + Shape.format(labels.shape())
                    + " do not fit input " + Shape.format(input.shape()) + "; expected " + Shape.format(expected));
        }
        double[] values = labels.toDoubleArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != Math.rint(values[i]) || Math.abs(values[i]) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(op + ": label " + values[i] + " at position " + i
                        + " is not a class index (a whole number)");
            }
            out[i] = (int) values[i];
        }
        return out;
    }

    /** A [N, C, d...] tensor of the input's dtype and device, 1 where the class is the label. */
    private static Tensor oneHot(String op, Tensor input, int[] labels) {
        int[] shape = input.shape();
        int n = shape[0];
        int classes = shape[1];
        int positions = Shape.numel(Arrays.copyOfRange(shape, 2, shape.length));
        if (labels.length != n * positions) {
            throw new IllegalArgumentException(op + ": " + labels.length + " labels for input " + Shape.format(shape)
                    + ", expected " + n * positions + " (shape " + Shape.format(labelShape(input)) + ")");
        }
        double[] mask = new double[input.numel()];
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i];
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(op + ": label " + label + " at position " + i + " is out of range for "
                        + classes + " classes (expected 0.." + (classes - 1) + ")");
            }
            int sample = i / positions;
            int position = i % positions;
            mask[(sample * classes + label) * positions + position] = 1.0;
        }
        return Tensor.fromArray(mask, shape).to(input.dtype()).to(input.device());
    }
}
