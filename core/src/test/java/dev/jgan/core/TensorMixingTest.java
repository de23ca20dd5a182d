package dev.jgan.core;

import dev.jgan.core.backend.Backends;
import dev.jgan.core.backend.cpu.RelabeledCpuBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ops never convert silently: mixing dtypes or devices is an error that names both. */
class TensorMixingTest {
    private final Tensor f32 = Tensor.ones(DType.FLOAT32, 2, 2);
    private final Tensor f64 = Tensor.ones(DType.FLOAT64, 2, 2);

    @Test
    void mixingDtypesNamesTheOpAndBothDtypes() {
        Map<String, Executable> ops = Map.of(
                "add", () -> f32.add(f64),
                "sub", () -> f64.sub(f32),
                "mul", () -> f32.mul(f64),
                "div", () -> f32.div(f64),
                "maximum", () -> f32.maximum(f64),
                "gt", () -> f32.gt(f64),
                "matmul", () -> f32.matmul(f64),
                "where", () -> Tensor.where(f32, f32, f64),
                "concat", () -> Tensor.concat(List.of(f32, f64), 0));
        ops.forEach((op, call) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, op);
            String m = e.getMessage();
            assertTrue(m.startsWith(op + ":"), m);
            assertTrue(m.contains("float32") && m.contains("float64"), m);
        });
    }

    @Test
    void inPlaceUpdatesRefuseAnotherDtype() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f32.add_(f64));
        assertTrue(e.getMessage().startsWith("add_:") && e.getMessage().contains("float32")
                && e.getMessage().contains("float64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f64.mul_(f32));
        assertTrue(e.getMessage().startsWith("mul_:") && e.getMessage().contains("float32")
                && e.getMessage().contains("float64"), e.getMessage());
        // copy_ is the one conversion that is asked for explicitly.
        f32.copy_(Tensor.full(Backends.cpu(), DType.FLOAT64, 0.1, 2, 2));
        assertEquals((float) 0.1, f32.toFloatArray()[3]);
    }

    @Test
    void mixingDevicesNamesTheOpAndBothDevices() {
        Tensor elsewhere = Tensor.zeros(new RelabeledCpuBackend(Device.cuda(7)), DType.FLOAT32, 2, 2);
        assertEquals(Device.cuda(7), elsewhere.device());
        for (Executable call : List.<Executable>of(() -> f32.add(elsewhere), () -> elsewhere.matmul(f32))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
            assertTrue(e.getMessage().contains("cpu") && e.getMessage().contains("cuda:7"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f32.add(elsewhere));
        assertTrue(e.getMessage().startsWith("add:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f32.copy_(elsewhere));
        assertTrue(e.getMessage().startsWith("copy_:") && e.getMessage().contains("cuda:7"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f32.add_(elsewhere));
        assertTrue(e.getMessage().startsWith("add_:") && e.getMessage().contains("cuda:7"), e.getMessage());
    }
}
