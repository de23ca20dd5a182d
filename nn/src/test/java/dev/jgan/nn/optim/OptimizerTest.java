package dev.jgan.nn.optim;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Linear;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OptimizerTest {

    /** Minimizes a quadratic bowl with a fixed seed so that runs are comparable. */
    private static void train(Linear layer, Optimizer opt, int steps, long seed) {
        Generator gen = new Generator(seed);
        for (int i = 0; i < steps; i++) {
            opt.zeroGrad();
            Tensor x = Tensor.randn(gen, 8, 3);
            layer.forward(x).pow(2.0).mean().backward();
            opt.step();
        }
    }

    private static void assertResumesExactly(Function<List<Tensor>, Optimizer> make) {
        Linear straight = new Linear(3, 2, new Generator(1));
        Optimizer straightOpt = make.apply(straight.parameters());
        train(straight, straightOpt, 3, 10);
        train(straight, straightOpt, 2, 11);

        Linear first = new Linear(3, 2, new Generator(1));
        Optimizer firstOpt = make.apply(first.parameters());
        train(first, firstOpt, 3, 10);
        Linear resumed = new Linear(3, 2, new Generator(99));
        resumed.loadStateDict(first.stateDict(), true);
        Optimizer resumedOpt = make.apply(resumed.parameters());
        resumedOpt.loadStateDict(firstOpt.stateDict());
        train(resumed, resumedOpt, 2, 11);

        assertArrayEquals(straight.weight().toDoubleArray(), resumed.weight().toDoubleArray());
        assertArrayEquals(straight.bias().toDoubleArray(), resumed.bias().toDoubleArray());
    }

    @Test
    void adamResumesFromItsStateDictExactly() {
        assertResumesExactly(params -> new Adam(params, 0.01, 0.5, 0.999, 1e-8, 0.01, true));
    }

    @Test
    void sgdResumesFromItsStateDictExactly() {
        assertResumesExactly(params -> new SGD(params, 0.05, 0.9, 0, true, 0.001));
    }

    @Test
    void stateDictHoldsPyTorchNamesStepsAndLearningRate() {
        Linear layer = new Linear(3, 2, new Generator(1));
        Adam adam = new Adam(layer.parameters(), 0.001);
        train(layer, adam, 2, 5);
        OptimizerState state = adam.stateDict();
        assertEquals(List.of("state.0.exp_avg", "state.0.exp_avg_sq", "state.1.exp_avg", "state.1.exp_avg_sq"),
                List.copyOf(state.tensors().keySet()));
        assertEquals(List.of("type", "lr", "beta1", "beta2", "eps", "weight_decay", "amsgrad", "state.0.step", "state.1.step"),
                List.copyOf(state.metadata().keySet()));
        assertEquals(Map.of("type", "Adam", "lr", "0.001", "beta1", "0.9", "beta2", "0.999", "eps", "1.0E-8",
                "weight_decay", "0.0", "amsgrad", "false", "state.0.step", "2", "state.1.step", "2"), state.metadata());
    }

    @Test
    void stateDictTensorsAreCopiesThatLaterStepsDoNotChange() {
        Linear layer = new Linear(3, 2, new Generator(1));
        Adam adam = new Adam(layer.parameters(), 0.01);
        train(layer, adam, 1, 5);
        Tensor saved = adam.stateDict().tensors().get("state.0.exp_avg");
        double[] before = saved.toDoubleArray();
        train(layer, adam, 1, 6);
        assertArrayEquals(before, saved.toDoubleArray());
    }

    @Test
    void parametersWithoutGradientsAreSkipped() {
        Tensor a = Tensor.ones(2).requiresGrad(true);
        Tensor b = Tensor.ones(2).requiresGrad(true);
        SGD sgd = new SGD(List.of(a, b), 0.5);
        a.mul(3.0).sum().backward();
        sgd.step();
        assertArrayEquals(new double[]{-0.5, -0.5}, a.toDoubleArray());
        assertArrayEquals(new double[]{1, 1}, b.toDoubleArray());
        assertNull(sgd.stateDict().metadata().get("state.1.step"));
        sgd.zeroGrad();
        assertNull(a.grad());
    }

    @Test
    void updatesHappenInPlaceOnTheSameTensors() {
        Linear layer = new Linear(3, 2, new Generator(1));
        Tensor weight = layer.weight();
        double[] before = weight.toDoubleArray();
        train(layer, new Adam(layer.parameters(), 0.1), 1, 3);
        assertSame(weight, layer.weight());
        assertTrue(!weight.allClose(Tensor.fromArray(before, 2, 3).to(DType.FLOAT32), 0, 0));
        assertTrue(weight.isLeaf() && weight.requiresGrad());
    }

    @Test
    void learningRateCanChangeAndIsRestored() {
        Tensor p = Tensor.ones(1).requiresGrad(true);
        SGD sgd = new SGD(List.of(p), 0.1);
        sgd.setLr(0.01);
        SGD other = new SGD(List.of(Tensor.ones(1).requiresGrad(true)), 0.5);
        other.loadStateDict(sgd.stateDict());
        assertEquals(0.01, other.lr());
    }

    @Test
    void loadingRestoresTheSavedSettingsAsPyTorchDoes() {
        Tensor p = Tensor.ones(2).requiresGrad(true);
        SGD saved = new SGD(List.of(p), 0.1, 0.9, 0, true, 0.01);
        SGD target = new SGD(List.of(Tensor.ones(2).requiresGrad(true)), 0.5);
        target.loadStateDict(saved.stateDict());
        assertEquals(saved.stateDict().metadata(), target.stateDict().metadata());
    }

    @Test
    void invalidSavedSettingsAreNamed() {
        List<Tensor> params = List.of(Tensor.ones(1).requiresGrad(true));
        Map<String, String> meta = new LinkedHashMap<>(new Adam(params, 0.1).stateDict().metadata());
        meta.put("beta1", "1.5");
        Adam adam = new Adam(params, 0.1);
        assertEquals("Adam.loadStateDict: invalid beta parameter at index 0: 1.5 (must be in [0, 1))",
                assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(new OptimizerState(Map.of(), meta)))
                        .getMessage());
        meta.remove("beta1");
        assertEquals("Adam.loadStateDict: the saved settings [amsgrad, beta2, eps, weight_decay] differ from the expected"
                        + " [amsgrad, beta1, beta2, eps, weight_decay]",
                assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(new OptimizerState(Map.of(), meta)))
                        .getMessage());
        Map<String, String> sgdMeta = new LinkedHashMap<>(new SGD(params, 0.1).stateDict().metadata());
        sgdMeta.put("nesterov", "yes");
        assertEquals("SGD.loadStateDict: 'nesterov' is 'yes', not true or false",
                assertThrows(IllegalArgumentException.class,
                        () -> new SGD(params, 0.1).loadStateDict(new OptimizerState(Map.of(), sgdMeta))).getMessage());
    }

    @Test
    void invalidHyperparametersAreNamed() {
        List<Tensor> params = List.of(Tensor.ones(1).requiresGrad(true));
        assertEquals("SGD: invalid learning rate -0.1 (must be >= 0)",
                assertThrows(IllegalArgumentException.class, () -> new SGD(params, -0.1)).getMessage());
        assertEquals("SGD: Nesterov momentum requires a momentum and zero dampening, got momentum 0.0 and dampening 0.0",
                assertThrows(IllegalArgumentException.class, () -> new SGD(params, 0.1, 0, 0, true, 0)).getMessage());
        assertEquals("Adam: invalid beta parameter at index 1: 1.0 (must be in [0, 1))",
                assertThrows(IllegalArgumentException.class, () -> new Adam(params, 0.1, 0.9, 1.0)).getMessage());
        assertEquals("Adam: invalid epsilon value -1.0 (must be >= 0)",
                assertThrows(IllegalArgumentException.class, () -> new Adam(params, 0.1, 0.9, 0.99, -1, 0, false)).getMessage());
        assertEquals("Adam: got an empty parameter list",
                assertThrows(IllegalArgumentException.class, () -> new Adam(List.of(), 0.1)).getMessage());
    }

    @Test
    void nonLeafAndRepeatedParametersAreRefused() {
        Tensor leaf = Tensor.ones(2).requiresGrad(true);
        assertEquals("SGD: parameter 0 of shape [2] is not a leaf (it was made by 'mul'); only leaves can be optimized",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(leaf.mul(2.0)), 0.1)).getMessage());
        assertEquals("SGD: parameter 1 of shape [2] appears more than once in the parameter list",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(leaf, leaf), 0.1)).getMessage());
    }

    @Test
    void loadStateDictRefusesStateThatDoesNotFit() {
        Linear layer = new Linear(3, 2, new Generator(1));
        Adam adam = new Adam(layer.parameters(), 0.01);
        train(layer, adam, 1, 5);
        OptimizerState good = adam.stateDict();

        SGD sgd = new SGD(layer.parameters(), 0.1, 0.9);
        assertEquals("SGD.loadStateDict: the state was saved by Adam, not SGD",
                assertThrows(IllegalArgumentException.class, () -> sgd.loadStateDict(good)).getMessage());

        Adam wrongShape = new Adam(new Linear(4, 2, new Generator(1)).parameters(), 0.01);
        assertEquals("Adam.loadStateDict: size mismatch for state.0.exp_avg: the state has shape [2, 3], parameter 0 has [2, 4]",
                assertThrows(IllegalArgumentException.class, () -> wrongShape.loadStateDict(good)).getMessage());

        Adam fewer = new Adam(List.of(layer.weight()), 0.01);
        assertEquals("Adam.loadStateDict: key 'state.1.step' names parameter 1, but this optimizer has 1 parameters",
                assertThrows(IllegalArgumentException.class, () -> fewer.loadStateDict(good)).getMessage());

        Map<String, String> claimsAmsgrad = new LinkedHashMap<>(good.metadata());
        claimsAmsgrad.put("amsgrad", "true");
        Adam plain = new Adam(layer.parameters(), 0.01);
        assertEquals("Adam.loadStateDict: parameter 0 has 1 steps and state [exp_avg, exp_avg_sq], expected"
                        + " [exp_avg, exp_avg_sq, max_exp_avg_sq]",
                assertThrows(IllegalArgumentException.class,
                        () -> plain.loadStateDict(new OptimizerState(good.tensors(), claimsAmsgrad))).getMessage());
        assertEquals("false", plain.stateDict().metadata().get("amsgrad"), "a failed load puts the settings back");

        Map<String, Tensor> extra = new LinkedHashMap<>(good.tensors());
        extra.put("state.0.momentum_buffer", Tensor.zeros(2, 3));
        Adam target = new Adam(layer.parameters(), 0.01);
        assertEquals("Adam.loadStateDict: unexpected state 'state.0.momentum_buffer'; Adam with these settings keeps"
                        + " [exp_avg, exp_avg_sq]",
                assertThrows(IllegalArgumentException.class,
                        () -> target.loadStateDict(new OptimizerState(extra, good.metadata()))).getMessage());

        Map<String, String> badStep = new LinkedHashMap<>(good.metadata());
        badStep.put("state.0.step", "two");
        assertEquals("Adam.loadStateDict: 'state.0.step' is 'two', not a step count",
                assertThrows(IllegalArgumentException.class,
                        () -> target.loadStateDict(new OptimizerState(good.tensors(), badStep))).getMessage());
    }
}
