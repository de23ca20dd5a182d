package dev.jgan.core.conv;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.GradMode;
import dev.jgan.core.gradcheck.GradCheck;
import dev.jgan.core.ops.Normalization;
import org.junit.jupiter.api.Test;

import static dev.jgan.core.conv.Conv2dTest.assertMessage;
import static dev.jgan.core.conv.Conv2dTest.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class BatchNormTest {

    @Test
    void trainingNormalizesEachChannelToMeanZeroVarianceOne() {
        Tensor x = randn(91, 4, 3, 2, 5).mul(3.0).add(2.0);
        Tensor out = Normalization.batchNorm(x, null, null, null, null, true, 0.1, 0.0);
        Tensor mean = out.mean(new int[]{0, 2, 3}, false);
        Tensor var = out.var(new int[]{0, 2, 3}, 0, false);
        assertArrayEquals(new double[3], mean.toDoubleArray(), 1e-12);
        assertArrayEquals(new double[]{1, 1, 1}, var.toDoubleArray(), 1e-12);
    }

    @Test
    void trainingUpdatesRunningStatsWithTheUnbiasedVariance() {
        Tensor x = randn(92, 5, 2).mul(2.0).add(1.0);
        Tensor runningMean = Tensor.fromArray(new double[]{0.5, -0.5}, 2);
        Tensor runningVar = Tensor.fromArray(new double[]{2.0, 0.5}, 2);
        double momentum = 0.25;
        Normalization.batchNorm(x, runningMean, runningVar, null, null, true, momentum, 1e-5);
        for (int c = 0; c < 2; c++) {
            double mean = 0, squares = 0;
            for (int i = 0; i < 5; i++) {
                mean += x.get(i, c) / 5;
            }
            for (int i = 0; i < 5; i++) {
                squares += (x.get(i, c) - mean) * (x.get(i, c) - mean);
            }
            double startMean = c == 0 ? 0.5 : -0.5, startVar = c == 0 ? 2.0 : 0.5;
            assertEquals((1 - momentum) * startMean + momentum * mean, runningMean.get(c), 1e-12);
            assertEquals((1 - momentum) * startVar + momentum * squares / 4, runningVar.get(c), 1e-12);
        }
    }

    @Test
    void evaluationUsesTheRunningStatsAndLeavesThemAlone() {
        Tensor x = randn(93, 3, 2);
        Tensor runningMean = Tensor.fromArray(new double[]{1.0, -2.0}, 2);
        Tensor runningVar = Tensor.fromArray(new double[]{4.0, 0.25}, 2);
        Tensor weight = Tensor.fromArray(new double[]{2.0, 3.0}, 2);
        Tensor bias = Tensor.fromArray(new double[]{0.5, -1.0}, 2);
        Tensor out = Normalization.batchNorm(x, runningMean, runningVar, weight, bias, false, 0.1, 0.0);
        for (int i = 0; i < 3; i++) {
            assertEquals((x.get(i, 0) - 1.0) / 2.0 * 2.0 + 0.5, out.get(i, 0), 1e-12);
            assertEquals((x.get(i, 1) + 2.0) / 0.5 * 3.0 - 1.0, out.get(i, 1), 1e-12);
        }
        assertArrayEquals(new double[]{1.0, -2.0}, runningMean.toDoubleArray());
        assertArrayEquals(new double[]{4.0, 0.25}, runningVar.toDoubleArray());
    }

    @Test
    void runningStatsStayOutOfTheGraph() {
        Tensor x = randn(94, 4, 2).requiresGrad(true);
        Tensor runningMean = Tensor.zeros(dev.jgan.core.DType.FLOAT64, 2);
        Tensor runningVar = Tensor.ones(dev.jgan.core.DType.FLOAT64, 2);
        Normalization.batchNorm(x, runningMean, runningVar, null, null, true, 0.1, 1e-5).sum().backward();
        assertFalse(runningMean.requiresGrad());
        assertFalse(runningVar.requiresGrad());
        assertEquals(true, GradMode.isEnabled());
    }

    @Test
    void trainingGradcheckAndGradgradcheck4d() {
        GradCheck.gradcheck(in -> Normalization.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1, 1e-5),
                randn(95, 2, 2, 2, 3).requiresGrad(true), randn(96, 2).requiresGrad(true), randn(97, 2).requiresGrad(true));
        GradCheck.gradgradcheck(in -> Normalization.batchNorm(in.get(0), null, null, in.get(1), in.get(2), true, 0.1,
                1e-5), randn(98, 2, 2, 1, 3).requiresGrad(true), randn(99, 2).requiresGrad(true),
                randn(100, 2).requiresGrad(true));
    }

    @Test
    void trainingGradcheckAndGradgradcheck2dWithRunningStats() {
        Tensor runningMean = Tensor.zeros(dev.jgan.core.DType.FLOAT64, 3);
        Tensor runningVar = Tensor.ones(dev.jgan.core.DType.FLOAT64, 3);
        GradCheck.gradcheck(in -> Normalization.batchNorm(in.get(0), runningMean, runningVar, in.get(1), null, true,
                0.1, 1e-5), randn(101, 4, 3).requiresGrad(true), randn(102, 3).requiresGrad(true));
        GradCheck.gradgradcheck(in -> Normalization.batchNorm(in.get(0), runningMean, runningVar, in.get(1), null,
                true, 0.1, 1e-5), randn(103, 4, 3).requiresGrad(true), randn(104, 3).requiresGrad(true));
    }

    @Test
    void evaluationGradcheckAndGradgradcheck() {
        Tensor runningMean = randn(105, 2);
        Tensor runningVar = randn(106, 2).abs().add(0.5);
        GradCheck.gradcheck(in -> Normalization.batchNorm(in.get(0), runningMean, runningVar, in.get(1), in.get(2),
                        false, 0.1, 1e-5),
                randn(107, 2, 2, 2, 2).requiresGrad(true), randn(108, 2).requiresGrad(true), randn(109, 2).requiresGrad(true));
        GradCheck.gradgradcheck(in -> Normalization.batchNorm(in.get(0), runningMean, runningVar, in.get(1), in.get(2),
                        false, 0.1, 1e-5),
                randn(110, 2, 2, 1, 2).requiresGrad(true), randn(111, 2).requiresGrad(true), randn(112, 2).requiresGrad(true));
    }

    @Test
    void agreesWithPyTorchOverThreeTrainingStepsAndAnEvaluation() {
        for (TorchFixture f : TorchFixture.load("batch_norm.json")) {
            Tensor runningMean = f.tensor("running_mean_start");
            Tensor runningVar = f.tensor("running_var_start");
            Tensor weight = f.tensor("weight").requiresGrad(true);
            Tensor bias = f.tensor("bias").requiresGrad(true);
            double momentum = f.doubleParam("momentum"), eps = f.doubleParam("eps");
            for (int step = 0; step < f.intParam("steps"); step++) {
                String prefix = "train" + step + "_";
                checkStep(f, prefix, runningMean, runningVar, weight, bias, true, momentum, eps);
            }
            PyTorchParity.assertClose(f, "running_mean_end", runningMean);
            PyTorchParity.assertClose(f, "running_var_end", runningVar);
            checkStep(f, "eval_", runningMean, runningVar, weight, bias, false, momentum, eps);
            PyTorchParity.assertClose(f, "running_mean_end", runningMean);
        }
    }

    private static void checkStep(TorchFixture f, String prefix, Tensor runningMean, Tensor runningVar, Tensor weight,
                                  Tensor bias, boolean training, double momentum, double eps) {
        weight.zeroGrad();
        bias.zeroGrad();
        Tensor x = f.tensor(prefix + "x").requiresGrad(true);
        Tensor out = Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
        PyTorchParity.assertClose(f, prefix + "out", out);
        out.backward(f.tensor(prefix + "grad_out"));
        PyTorchParity.assertClose(f, prefix + "grad_x", x.grad());
        PyTorchParity.assertClose(f, prefix + "grad_weight", weight.grad());
        PyTorchParity.assertClose(f, prefix + "grad_bias", bias.grad());
    }

    @Test
    void errorsNameTheOpAndTheShapes() {
        Tensor x = Tensor.zeros(4, 3, 2, 2);
        Tensor three = Tensor.zeros(3);
        assertMessage("batch_norm: expected more than 1 value per channel when training, got input [1, 3, 1, 1]",
                () -> Normalization.batchNorm(Tensor.zeros(1, 3, 1, 1), null, null, null, null, true, 0.1, 1e-5));
        assertMessage("batch_norm: input must be [N, C] or [N, C, H, W], got shape [4, 3, 2]",
                () -> Normalization.batchNorm(Tensor.zeros(4, 3, 2), null, null, null, null, true, 0.1, 1e-5));
        assertMessage("batch_norm: weight must have shape [3] (one value per channel), got [4]",
                () -> Normalization.batchNorm(x, null, null, Tensor.zeros(4), null, true, 0.1, 1e-5));
        assertMessage("batch_norm: pass both runningMean and runningVar or neither",
                () -> Normalization.batchNorm(x, three, null, null, null, true, 0.1, 1e-5));
        assertMessage("batch_norm: evaluation needs runningMean and runningVar",
                () -> Normalization.batchNorm(x, null, null, null, null, false, 0.1, 1e-5));
    }
}
