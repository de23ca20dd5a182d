package dev.jgan.nn;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModuleTest {

    /** A parameter and a buffer of its own, plus a child: enough to tell the orders apart. */
    static final class Net extends Module {
        final Parameter scale;
        final Buffer running;
        final Sequential body;

        Net(Generator gen) {
            scale = registerParameter("scale", Tensor.ones(2));
            body = registerModule("body", new Sequential(new Linear(3, 4, gen), new ReLU(), new Linear(4, 2, gen)));
            running = registerBuffer("running", Tensor.zeros(2));
        }

        @Override
        public Tensor forward(Tensor input) {
            return body.forward(input).mul(scale.get());
        }
    }

    @Test
    void namedParametersAreDottedAndInRegistrationOrder() {
        Net net = new Net(new Generator(0));
        assertEquals(List.of("scale", "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias"),
                new ArrayList<>(net.namedParameters().keySet()));
        assertEquals(5, net.parameters().size());
        assertSame(net.scale.get(), net.parameters().get(0));
        for (Tensor p : net.parameters()) {
            assertTrue(p.requiresGrad() && p.isLeaf());
        }
        assertEquals(List.of("running"), new ArrayList<>(net.namedBuffers().keySet()));
        assertFalse(net.buffers().get(0).requiresGrad());
    }

    @Test
    void stateDictListsOwnParametersThenBuffersThenChildrenAsPyTorch() {
        Net net = new Net(new Generator(0));
        Map<String, Tensor> state = net.stateDict();
        assertEquals(List.of("scale", "running", "body.0.weight", "body.0.bias", "body.2.weight", "body.2.bias"),
                new ArrayList<>(state.keySet()));
        Tensor w = state.get("body.0.weight");
        assertFalse(w.requiresGrad(), "state dict values record no graph");
        assertSame(w.storage(), net.body.get(0).parameters().get(0).storage(), "and share storage with the module");
    }

    @Test
    void childrenAndModulesFollowRegistration() {
        Net net = new Net(new Generator(0));
        assertEquals(List.of("body"), new ArrayList<>(net.namedChildren().keySet()));
        assertSame(net.body, net.children().get(0));
        assertEquals(List.of("", "body", "body.0", "body.1", "body.2"), new ArrayList<>(net.namedModules().keySet()));
    }

    @Test
    void sharedModuleIsListedOnceInParametersButUnderEveryNameInTheStateDict() {
        Linear shared = new Linear(2, 2, new Generator(1));
        Sequential tied = new Sequential(shared, new Tanh(), shared);
        assertEquals(List.of("0.weight", "0.bias"), new ArrayList<>(tied.namedParameters().keySet()));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), new ArrayList<>(tied.stateDict().keySet()));
    }

    @Test
    void trainAndEvalReachEveryModule() {
        Net net = new Net(new Generator(0));
        assertTrue(net.isTraining());
        assertSame(net, net.eval());
        net.apply(m -> assertFalse(m.isTraining(), m.toString()));
        net.train();
        net.apply(m -> assertTrue(m.isTraining(), m.toString()));
    }

    @Test
    void applyVisitsChildrenBeforeTheirParent() {
        Net net = new Net(new Generator(0));
        List<String> order = new ArrayList<>();
        net.apply(m -> order.add(m.getClass().getSimpleName()));
        assertEquals(List.of("Linear", "ReLU", "Linear", "Sequential", "Net"), order);
    }

    @Test
    void zeroGradClearsEveryParameterGradient() {
        Net net = new Net(new Generator(0));
        net.forward(Tensor.ones(5, 3)).sum().backward();
        for (Tensor p : net.parameters()) {
            assertNotNull(p.grad());
        }
        net.zeroGrad();
        for (Tensor p : net.parameters()) {
            assertNull(p.grad());
        }
    }

    @Test
    void loadStateDictCopiesInPlaceSoHeldReferencesSeeTheValues() {
        Net source = new Net(new Generator(1));
        Net target = new Net(new Generator(2));
        Tensor heldWeight = target.parameters().get(1);
        Module.LoadResult result = target.loadStateDict(source.stateDict(), true);
        assertEquals(List.of(), result.missingKeys());
        assertEquals(List.of(), result.unexpectedKeys());
        assertSame(heldWeight, target.parameters().get(1));
        assertArrayEquals(source.parameters().get(1).toDoubleArray(), heldWeight.toDoubleArray());
        Tensor x = Tensor.rand(new Generator(3), 4, 3);
        assertArrayEquals(source.forward(x).toDoubleArray(), target.forward(x).toDoubleArray());
    }

    @Test
    void loadStateDictConvertsDtype() {
        Net target = new Net(new Generator(2));
        Map<String, Tensor> state = new LinkedHashMap<>();
        new Net(new Generator(1)).stateDict().forEach((k, v) -> state.put(k, v.to(DType.FLOAT64)));
        target.loadStateDict(state, true);
        assertEquals(DType.FLOAT32, target.parameters().get(1).dtype());
        assertArrayEquals(state.get("body.0.weight").toFloatArray(), target.parameters().get(1).toFloatArray());
    }

    @Test
    void shapeMismatchNamesTheKeyAndBothShapesAndChangesNothing() {
        Net target = new Net(new Generator(2));
        double[] before = target.parameters().get(1).toDoubleArray();
        Map<String, Tensor> state = new LinkedHashMap<>(new Net(new Generator(1)).stateDict());
        state.put("body.2.weight", Tensor.zeros(3, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadStateDict(state, false));
        assertEquals("loadStateDict into Net: size mismatch for body.2.weight: the state dict has shape [3, 4],"
                + " this module has [2, 4]", e.getMessage());
        assertArrayEquals(before, target.parameters().get(1).toDoubleArray(), "a failed load copies nothing");
    }

    @Test
    void strictLoadReportsMissingAndUnexpectedKeys() {
        Net target = new Net(new Generator(2));
        Map<String, Tensor> state = new LinkedHashMap<>(new Net(new Generator(1)).stateDict());
        state.remove("running");
        state.remove("body.0.bias");
        state.put("body.3.weight", Tensor.zeros(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadStateDict(state, true));
        assertEquals("loadStateDict into Net: missing keys [running, body.0.bias]; unexpected keys [body.3.weight]",
                e.getMessage());
    }

    @Test
    void nonStrictLoadReturnsTheKeysItSkipped() {
        Net source = new Net(new Generator(1));
        Net target = new Net(new Generator(2));
        Map<String, Tensor> state = new LinkedHashMap<>(source.stateDict());
        state.remove("scale");
        state.put("extra", Tensor.zeros(1));
        Module.LoadResult result = target.loadStateDict(state, false);
        assertEquals(List.of("scale"), result.missingKeys());
        assertEquals(List.of("extra"), result.unexpectedKeys());
        assertArrayEquals(source.parameters().get(1).toDoubleArray(), target.parameters().get(1).toDoubleArray());
    }

    @Test
    void registrationRejectsBadAndRepeatedNames() {
        Module m = new Identity();
        IllegalArgumentException dotted = assertThrows(IllegalArgumentException.class,
                () -> m.registerParameter("a.b", Tensor.zeros(1)));
        assertEquals("registerParameter: name 'a.b' of Identity must be non-empty and contain no '.', which separates"
                + " the parts of a state dict key", dotted.getMessage());
        m.registerParameter("w", Tensor.zeros(1));
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> m.registerBuffer("w", Tensor.zeros(1)));
        assertEquals("registerBuffer: name 'w' of Identity is already taken by a parameter", taken.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.registerModule("", new ReLU()));
        assertThrows(IllegalArgumentException.class, () -> m.registerModule("self", m));
    }

    @Test
    void parameterMustBeALeafAndBufferMustNotRequireGrad() {
        Module m = new Identity();
        Tensor made = Tensor.ones(2).requiresGrad(true).mul(2.0);
        IllegalStateException notLeaf = assertThrows(IllegalStateException.class, () -> m.registerParameter("w", made));
        assertTrue(notLeaf.getMessage().startsWith("registerParameter('w'): requiresGrad can only be changed on a leaf"),
                notLeaf.getMessage());
        IllegalArgumentException grad = assertThrows(IllegalArgumentException.class,
                () -> m.registerBuffer("b", Tensor.ones(2).requiresGrad(true)));
        assertTrue(grad.getMessage().startsWith("registerBuffer('b'): a buffer must not require grad"), grad.getMessage());
    }

    @Test
    void toDTypeConvertsParametersBuffersAndGradientsKeepingTiedWeightsTied() {
        Linear shared = new Linear(3, 3, new Generator(1));
        Sequential model = new Sequential(shared, new Sigmoid(), shared);
        Tensor x = Tensor.rand(new Generator(2), 4, 3);
        Tensor expected = model.forward(x).to(DType.FLOAT64);
        model.forward(x).sum().backward();
        Tensor oldWeight = shared.weight();
        assertSame(model, model.to(DType.FLOAT64));
        assertNotSame(oldWeight, shared.weight());
        assertEquals(DType.FLOAT64, shared.weight().dtype());
        assertTrue(shared.weight().requiresGrad() && shared.weight().isLeaf());
        assertEquals(DType.FLOAT64, shared.weight().grad().dtype());
        assertEquals(2, model.parameters().size(), "the shared layer still holds one weight");
        assertTrue(model.forward(x.to(DType.FLOAT64)).allClose(expected, 1e-6, 1e-6));
    }

    @Test
    void toTheDeviceItIsAlreadyOnKeepsEveryTensor() {
        Net net = new Net(new Generator(0));
        List<Tensor> before = net.parameters();
        assertSame(net, net.to(dev.jgan.core.Device.CPU));
        for (int i = 0; i < before.size(); i++) {
            assertSame(before.get(i), net.parameters().get(i));
        }
    }

    @Test
    void toStringPrintsTheTreeLikePyTorch() {
        Sequential model = new Sequential(new Linear(4, 8, new Generator(0)), new LeakyReLU(0.2),
                new Sequential(new Linear(8, 1, false, new Generator(0)), new Sigmoid()));
        assertEquals("Sequential(\n"
                + "  (0): Linear(inFeatures=4, outFeatures=8, bias=true)\n"
                + "  (1): LeakyReLU(negativeSlope=0.2)\n"
                + "  (2): Sequential(\n"
                + "    (0): Linear(inFeatures=8, outFeatures=1, bias=false)\n"
                + "    (1): Sigmoid()\n"
                + "  )\n"
                + ")", model.toString());
    }
}
