package dev.jgan.core.autograd;

import dev.jgan.core.DType;
import dev.jgan.core.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackwardEngineTest {

    @Test
    void gradientsAccumulateAcrossBackwardCalls() {
        Tensor x = Tensor.fromArray(new double[]{1, 2, 3}, 3).requiresGrad(true);
        x.mul(x).sum().backward();
        assertArrayEquals(new double[]{2, 4, 6}, x.grad().toDoubleArray());
        x.mul(3.0).sum().backward();
        assertArrayEquals(new double[]{5, 7, 9}, x.grad().toDoubleArray());
        x.zeroGrad();
        assertNull(x.grad());
    }

    /**
     * A leaf's .grad is its own tensor: the first contribution is copied (it may be a view of, or
     * the very tensor handed to, another input), later ones are added into it in place, as
     * PyTorch's AccumulateGrad does.
     */
    @Test
    void leafGradientsShareNoStorageWithOtherTensors() {
        Tensor a = Tensor.fromArray(new double[]{1, 2}, 2).requiresGrad(true);
        Tensor b = Tensor.fromArray(new double[]{3, 4}, 2).requiresGrad(true);
        Tensor seed = Tensor.fromArray(new double[]{1, 1}, 2);
        // add's backward hands the same gradient tensor to both inputs.
        a.add(b).add(a).backward(seed);
        assertNotSame(a.grad().storage(), b.grad().storage());
        assertNotSame(seed.storage(), b.grad().storage());
        a.grad().mul_(10);
        assertArrayEquals(new double[]{20, 20}, a.grad().toDoubleArray());
        assertArrayEquals(new double[]{1, 1}, b.grad().toDoubleArray());
        assertArrayEquals(new double[]{1, 1}, seed.toDoubleArray());
        Tensor accumulated = b.grad();
        a.add(b).backward(seed);
        assertSame(accumulated, b.grad(), "a second backward adds into the leaf's gradient in place");
        assertArrayEquals(new double[]{2, 2}, b.grad().toDoubleArray());
    }

    /**
     * The weight gradient of x @ W^T (a Linear layer) is made as (g^T x)^T, so that W's .grad is
     * not a transposing copy: the same products summed in the same order as x^T g, the same bits.
     */
    @Test
    void transposedRightOperandGetsTheBitsOfTheTextbookFormula() {
        dev.jgan.core.random.Generator gen = new dev.jgan.core.random.Generator(5);
        Tensor x = Tensor.randn(gen, 67, 129);
        Tensor w = Tensor.randn(gen, 33, 129).requiresGrad(true);
        Tensor g = Tensor.randn(gen, 67, 33);
        x.matmul(w.t()).backward(g);
        assertArrayEquals(x.t().matmul(g).t().contiguous().toFloatArray(), w.grad().toFloatArray());
    }

    @Test
    void sharedSubexpressionReceivesGradientFromEveryConsumer() {
        Tensor x = Tensor.fromArray(new double[]{2}, 1).requiresGrad(true);
        Tensor y = x.exp();
        Tensor z = y.mul(y).add(y); // e^{2x} + e^x, derivative 2e^{2x} + e^x
        z.sum().backward();
        double expected = 2 * Math.exp(4) + Math.exp(2);
        assertEquals(expected, x.grad().item(), 1e-9);
    }

    @Test
    void secondBackwardWithoutRetainFailsWithAClearMessage() {
        Tensor x = Tensor.fromArray(new double[]{1, 2}, 2).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward();
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("already freed"), e.getMessage());
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
    }

    @Test
    void retainedGraphCanBeWalkedTwice() {
        Tensor x = Tensor.fromArray(new double[]{1, 2}, 2).requiresGrad(true);
        Tensor loss = x.mul(x).sum();
        loss.backward(null, true, false);
        loss.backward();
        assertArrayEquals(new double[]{4, 8}, x.grad().toDoubleArray());
    }

    @Test
    void noGradScopeRecordsNothing() {
        Tensor x = Tensor.ones(2).requiresGrad(true);
        try (GradMode.Scope s = GradMode.noGrad()) {
            Tensor y = x.mul(2.0);
            assertNull(y.gradFn());
            assertTrue(!y.requiresGrad());
        }
        assertTrue(x.mul(2.0).requiresGrad());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.fromArray(new double[]{3}, 1).requiresGrad(true);
        Tensor y = x.mul(x).detach().mul(x);
        y.sum().backward();
        assertEquals(9.0, x.grad().item(), 0.0);
    }

    @Test
    void createGraphGivesSecondDerivatives() {
        Tensor x = Tensor.fromArray(new double[]{2}, 1).requiresGrad(true);
        Tensor y = x.pow(3.0).sum();
        Tensor dy = Autograd.grad(List.of(y), List.of(x), null, true, true, false).get(0);
        assertEquals(12.0, dy.item(), 1e-12);
        Tensor d2y = Autograd.grad(List.of(dy.sum()), List.of(x), null, false, false, false).get(0);
        assertEquals(12.0, d2y.item(), 1e-12);
    }

    @Test
    void nonScalarBackwardNeedsAnExplicitGradient() {
        Tensor x = Tensor.ones(DType.FLOAT64, 2, 3).requiresGrad(true);
        Tensor y = x.mul(2.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
        y.backward(Tensor.ones(DType.FLOAT64, 2, 3));
        assertArrayEquals(new double[]{2, 2, 2, 2, 2, 2}, x.grad().toDoubleArray());
    }

    @Test
    void dotExportNamesOpsAndShapes() {
        Tensor w = Tensor.ones(3, 2).requiresGrad(true);
        Tensor x = Tensor.ones(4, 3);
        String dot = GraphDot.toDot(x.matmul(w).relu().sum());
        assertTrue(dot.startsWith("digraph"), dot);
        assertTrue(dot.contains("matmul\\n[4, 2]"), dot);
        assertTrue(dot.contains("relu"), dot);
        assertTrue(dot.contains("requires_grad"), dot);
    }

    @Test
    void inPlaceChangeOfASavedInputBetweenForwardAndBackwardIsRefused() {
        Tensor w = Tensor.fromArray(new double[]{1, 2}, 2).requiresGrad(true);
        Tensor x = Tensor.fromArray(new double[]{3, 4}, 2);
        Tensor loss = w.mul(x).sum();
        x.fill_(100);
        IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
        assertTrue(e.getMessage().contains("input 1 of 'mul'"), e.getMessage());
        assertTrue(e.getMessage().contains("modified in place"), e.getMessage());
    }

    @Test
    void inPlaceChangeThroughAViewIsSeenToo() {
        Tensor x = Tensor.fromArray(new double[]{1, 2, 3, 4}, 2, 2).requiresGrad(true);
        Tensor y = x.exp();
        try (GradMode.Scope s = GradMode.noGrad()) {
            y.t().narrow(0, 0, 1).fill_(0); // exp's backward reads its output y
        }
        assertThrows(IllegalStateException.class, () -> y.sum().backward());
    }

    @Test
    void setGradTakesOnlyAGradientThatFitsTheTensor() {
        Tensor w = Tensor.zeros(DType.FLOAT64, 2, 3).requiresGrad(true);
        Tensor g = Tensor.ones(DType.FLOAT64, 2, 3);
        w.setGrad(g);
        assertSame(g, w.grad());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> w.setGrad(Tensor.ones(DType.FLOAT64, 3, 2)));
        assertEquals("setGrad: a gradient of [3, 2] float64 on cpu does not fit a tensor of [2, 3] float64 on cpu", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.setGrad(Tensor.ones(2, 3)), "a float32 gradient of a float64 tensor");
        assertSame(g, w.grad(), "a refused gradient leaves the old one");
        w.zeroGrad();
        assertNull(w.grad());
    }
}
