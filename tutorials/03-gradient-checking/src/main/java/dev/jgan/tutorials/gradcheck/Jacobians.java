package dev.jgan.tutorials.gradcheck;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The two Jacobians gradcheck compares, built the plain way so they can be printed: one row per
 * output element, one column per element of every input in turn (GradCheck does the same work
 * input by input, perturbing the inputs in place).
 */
final class Jacobians {
    private Jacobians() {
    }

    /** Row j is the gradient of output element j: one backward pass with a one-hot output gradient. */
    static double[][] analytical(Function<List<Tensor>, Tensor> f, List<Tensor> inputs) {
        Tensor out = f.apply(inputs);
        double[][] jacobian = new double[out.numel()][];
        for (int j = 0; j < out.numel(); j++) {
            double[] oneHot = new double[out.numel()];
            oneHot[j] = 1.0;
            Tensor seed = Tensor.fromArray(oneHot, out.shape());
            List<Tensor> grads = Autograd.grad(List.of(out), inputs, List.of(seed), true, false, false);
            jacobian[j] = concat(grads.stream().map(Tensor::toDoubleArray).toList());
        }
        return jacobian;
    }

    /** Column i is (f(x + eps e_i) - f(x - eps e_i)) / (2 eps): two evaluations per input element. */
    static double[][] numerical(Function<List<Tensor>, Tensor> f, List<Tensor> inputs, double eps) {
        List<double[]> columns = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            double[] values = inputs.get(k).toDoubleArray();
            for (int i = 0; i < values.length; i++) {
                double[] plus = f.apply(replaced(inputs, k, values, i, values[i] + eps)).toDoubleArray();
                double[] minus = f.apply(replaced(inputs, k, values, i, values[i] - eps)).toDoubleArray();
                double[] column = new double[plus.length];
                for (int j = 0; j < column.length; j++) {
                    column[j] = (plus[j] - minus[j]) / (2 * eps);
                }
                columns.add(column);
            }
        }
        double[][] jacobian = new double[columns.get(0).length][columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            for (int j = 0; j < jacobian.length; j++) {
                jacobian[j][i] = columns.get(i)[j];
            }
        }
        return jacobian;
    }

    static double largestDifference(double[][] a, double[][] b) {
        double largest = 0;
        for (int j = 0; j < a.length; j++) {
            for (int i = 0; i < a[j].length; i++) {
                largest = Math.max(largest, Math.abs(a[j][i] - b[j][i]));
            }
        }
        return largest;
    }

    /** The inputs with element i of input k set to value, as fresh tensors. */
    private static List<Tensor> replaced(List<Tensor> inputs, int k, double[] values, int i, double value) {
        double[] changed = values.clone();
        changed[i] = value;
        List<Tensor> result = new ArrayList<>(inputs);
        result.set(k, Tensor.fromArray(changed, inputs.get(k).shape()));
        return result;
    }

    private static double[] concat(List<double[]> parts) {
        double[] all = new double[parts.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
