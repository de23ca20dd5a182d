package dev.jgan.gan.toy1d;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.nn.Linear;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandardizedInputTest {

    @Test
    void theNetworkSeesStandardizedInputs() {
        Linear net = new Linear(1, 3, new Generator(1));
        StandardizedInput d = new StandardizedInput(net, 4.0, 1.25);
        Tensor x = Tensor.fromArray(new float[]{4.0f, 5.25f, 1.5f}, 3, 1);
        Tensor expected = net.forward(Tensor.fromArray(new float[]{0f, 1f, -2f}, 3, 1));
        assertTrue(d.forward(x).allClose(expected, 1e-6, 1e-6));
    }

    @Test
    void meanAndStdAreSavedButNotLearned() {
        Linear net = new Linear(1, 1, new Generator(1));
        StandardizedInput d = new StandardizedInput(net, 4.0, 1.25);
        assertEquals(List.of("net.weight", "net.bias"), List.copyOf(d.namedParameters().keySet()));
        assertEquals(List.of("mean", "std", "net.weight", "net.bias"), List.copyOf(d.stateDict().keySet()));
        assertEquals(1.25, d.stateDict().get("std").item(), 0);
        assertTrue(d.toString().startsWith("StandardizedInput(\n  mean=4.0000, std=1.2500\n"), d.toString());
    }

    @Test
    void aZeroStdIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StandardizedInput(new Linear(1, 1, new Generator(1)), 4.0, 0.0));
        assertTrue(e.getMessage().contains("std 0.0"), e.getMessage());
    }
}
