package dev.jgan.tutorials.autodiff;

import org.junit.jupiter.api.Test;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Exercise 2: Value.exp and a cosh built from it, their values and gradients. */
class ValueExpExerciseTest {
    @Test
    void expAndItsGradient() {
        Value x = new Value(0.5);
        Value y = ValueExp.exp(x);
        y.backward();
        assertEquals(Math.exp(0.5), y.data(), 1e-15, "e^0.5");
        assertEquals(Math.exp(0.5), x.grad(), 1e-15, "d e^x / dx at 0.5");
        System.out.printf("exercise 2: exp(0.5) = %.6f, d/dx = %.6f%n", y.data(), x.grad());
    }

    @Test
    void aValueUsedTwiceGetsBothContributions() {
        // x e^x at x = 1: d/dx = e^x + x e^x = 2e.
        Value x = new Value(1.0);
        Value y = x.mul(ValueExp.exp(x));
        y.backward();
        assertEquals(Math.E, y.data(), 1e-15);
        assertEquals(2 * Math.E, x.grad(), 1e-14, "d (x e^x) / dx at 1");
        System.out.printf("exercise 2: d (x e^x) / dx at 1 = %.6f (2e)%n", x.grad());
    }

    @Test
    void coshAgreesWithMathAndWithFiniteDifferences() {
        for (double at : new double[]{-1.5, 0.0, 0.3, 2.0}) {
            Value x = new Value(at);
            Value y = ValueExp.cosh(x);
            y.backward();
            assertEquals(Math.cosh(at), y.data(), 1e-14, "cosh(" + at + ")");
            assertEquals(Math.sinh(at), x.grad(), 1e-14, "d cosh / dx = sinh at " + at);
            assertEquals(central(v -> ValueExp.cosh(v), at), x.grad(), 1e-8, "central difference at " + at);
        }
        Value x = new Value(2.0);
        ValueExp.cosh(x).backward();
        System.out.printf("exercise 2: d cosh(x) / dx at 2 = %.6f (sinh 2 = %.6f)%n", x.grad(), Math.sinh(2.0));
    }

    /** (f(x + h) - f(x - h)) / 2h with the engine's own forward pass. */
    private static double central(UnaryOperator<Value> f, double x) {
        double h = 1e-5;
        DoubleUnaryOperator value = v -> f.apply(new Value(v)).data();
        return (value.applyAsDouble(x + h) - value.applyAsDouble(x - h)) / (2 * h);
    }
}
