package dev.jgan.tutorials.dcgan;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Autograd;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.ops.Normalization;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.BatchNorm1d;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Section 7: BatchNorm's forward pass, its backward pass derived by hand and checked (against
 * the engine's gradient and against central differences through GradCheck, in float64), and
 * what changes between training and evaluation.
 */
final class BatchNormSection {
    static final double EPS = 1e-5;
    /** Over N, H and W: one mean and one variance per channel. */
    private static final int[] PER_CHANNEL = {0, 2, 3};

    private BatchNormSection() {
    }

    /** What the section measured, for the tests. */
    record Result(double maxDxDifference, double maxDgammaDifference, double maxDbetaDifference,
                  double[] runningMeans, double trainDifference, double evalDifference) {
    }

    static Result run(PrintStream out) {
        out.println("== 7. BatchNorm: the backward pass derived, and checked in float64");
        Generator gen = new Generator(9);
        Tensor x = Tensor.normal(gen, DType.FLOAT64, 2.0, 3.0, 4, 3, 2, 2).requiresGrad(true);
        Tensor gamma = Tensor.normal(gen, DType.FLOAT64, 1.0, 0.5, 3).requiresGrad(true);
        Tensor beta = Tensor.normal(gen, DType.FLOAT64, 0.0, 0.5, 3).requiresGrad(true);
        Tensor g = Tensor.normal(gen, DType.FLOAT64, 0.0, 1.0, 4, 3, 2, 2);

        Tensor y = Normalization.batchNorm(x, null, null, gamma, beta, true, 0.1, EPS);
        List<Tensor> engine = Autograd.grad(List.of(y), List.of(x, gamma, beta), List.of(g), false, false, false);
        List<Tensor> derived = derivedBackward(x.detach(), gamma.detach(), g);
        double dx = maxAbsDifference(engine.get(0), derived.get(0));
        double dgamma = maxAbsDifference(engine.get(1), derived.get(1));
        double dbeta = maxAbsDifference(engine.get(2), derived.get(2));
        out.printf(Locale.ROOT, "input [4, 3, 2, 2], 3 channels of m = 16 values; derived backward against the engine's"
                + " autograd: max |difference| dx %.1e, dgamma %.1e, dbeta %.1e%n", dx, dgamma, dbeta);

        // GradCheck compares the gradient autograd computes with central differences of the value. This
        // function's value is sum(g * batchNorm(x)), but its gradient, by construction, is the derived formula:
        // every term that carries a gradient is an input times a detached (constant) derived gradient.
        GradCheck.gradcheck(in -> {
            Tensor value = Normalization.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1, EPS)
                    .mul(g).sum().detach();
            List<Tensor> d = derivedBackward(in.get(0).detach(), in.get(1).detach(), g);
            Tensor surrogate = value;
            for (int i = 0; i < 3; i++) {
                surrogate = surrogate.add(in.get(i).mul(d.get(i)).sum()).sub(in.get(i).detach().mul(d.get(i)).sum());
            }
            return surrogate;
        }, x.detach().requiresGrad(true), gamma.detach().requiresGrad(true), beta.detach().requiresGrad(true));
        out.println("GradCheck of the derived dx, dgamma and dbeta against central differences (eps 1e-6): passed");
        Tensor sums = derived.get(0).sum(PER_CHANNEL, false);
        out.printf(Locale.ROOT, "dx sums to zero over each channel: %s%n", format(sums.toDoubleArray(), "%.1e"));

        out.println("== 7. BatchNorm: running statistics (momentum 0.1) and train versus eval");
        BatchNorm1d bn = new BatchNorm1d(1);
        Generator data = new Generator(11);
        int[] shown = {1, 2, 3, 10, 50};
        double[] runningMeans = new double[shown.length];
        out.println("  step  batch mean  batch var  running mean  running var   (batches of 16 from N(3, 2^2))");
        int next = 0;
        for (int step = 1; step <= 50; step++) {
            Tensor batch = Tensor.normal(data, DType.FLOAT32, 3.0, 2.0, 16, 1);
            try (GradMode.Scope scope = GradMode.noGrad()) {
                bn.forward(batch);
            }
            if (step == shown[next]) {
                runningMeans[next] = bn.runningMean().item();
                out.printf(Locale.ROOT, "  %4d  %10.4f  %9.4f  %12.4f  %11.4f%n", step, batch.mean().item(),
                        batch.var(new int[]{0}, 1, false).item(), runningMeans[next], bn.runningVar().item());
                next++;
            }
        }
        // One fixed value, normalized in two different batches: in training its output depends on its batch mates.
        Tensor mates1 = Tensor.normal(data, DType.FLOAT32, 3.0, 2.0, 15, 1);
        Tensor mates2 = Tensor.normal(data, DType.FLOAT32, 3.0, 2.0, 15, 1);
        Tensor value = Tensor.fromArray(new float[]{4.0f}, 1, 1);
        // Eval first: it reads the running statistics and leaves them alone; the train-mode passes move them.
        double[] eval = outputsOfFirst(bn, value, mates1, mates2, false);
        double[] train = outputsOfFirst(bn, value, mates1, mates2, true);
        out.printf(Locale.ROOT, "the value 4.0 in two different batches: train mode gives %.4f and %.4f,"
                + " eval mode %.4f and %.4f%n", train[0], train[1], eval[0], eval[1]);
        return new Result(dx, dgamma, dbeta, runningMeans, Math.abs(train[0] - train[1]), Math.abs(eval[0] - eval[1]));
    }

    /**
     * The backward pass of y = gamma * xhat + beta, xhat = (x - mean) / sqrt(var + eps), with the
     * batch mean and biased variance per channel, given the output gradient g:
     * dx = gamma / sqrt(var + eps) * (g - mean(g) - xhat * mean(g * xhat)), dgamma = sum(g * xhat),
     * dbeta = sum(g), the means and sums over N, H and W.
     */
    static List<Tensor> derivedBackward(Tensor x, Tensor gamma, Tensor g) {
        int c = x.size(1);
        Tensor mean = x.mean(PER_CHANNEL, true);
        Tensor invStd = x.var(PER_CHANNEL, 0, true).add(EPS).pow(-0.5);
        Tensor xhat = x.sub(mean).mul(invStd);
        Tensor dbeta = g.sum(PER_CHANNEL, false);
        Tensor dgamma = g.mul(xhat).sum(PER_CHANNEL, false);
        Tensor dx = g.sub(g.mean(PER_CHANNEL, true)).sub(xhat.mul(g.mul(xhat).mean(PER_CHANNEL, true)))
                .mul(invStd).mul(gamma.reshape(1, c, 1, 1));
        return List.of(dx, dgamma, dbeta);
    }

    private static double[] outputsOfFirst(BatchNorm1d bn, Tensor value, Tensor mates1, Tensor mates2, boolean train) {
        bn.train(train);
        try (GradMode.Scope scope = GradMode.noGrad()) {
            double a = bn.forward(Tensor.concat(List.of(value, mates1), 0)).toDoubleArray()[0];
            double b = bn.forward(Tensor.concat(List.of(value, mates2), 0)).toDoubleArray()[0];
            return new double[]{a, b};
        }
    }

    private static double maxAbsDifference(Tensor a, Tensor b) {
        return a.sub(b).abs().max().item();
    }

    private static String format(double[] values, String pattern) {
        StringBuilder s = new StringBuilder();
        for (double v : values) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, pattern, v));
        }
        return s.toString();
    }
}
