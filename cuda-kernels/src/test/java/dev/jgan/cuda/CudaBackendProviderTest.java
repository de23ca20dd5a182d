package dev.jgan.cuda;

import dev.jgan.core.Device;
import dev.jgan.core.Tensor;
import dev.jgan.core.backend.Backend;
import dev.jgan.core.backend.BackendProvider;
import dev.jgan.core.backend.Backends;
import dev.jgan.cuda.driver.EmulatorLibrary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Finding the CUDA backend by device name, through ServiceLoader, as user code does. */
class CudaBackendProviderTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(CudaBackendProvider.DRIVER_PROPERTY);
        System.clearProperty(CudaBackendProvider.MATMUL_PROPERTY);
    }

    @Test
    void serviceLoaderFindsTheProviderForCuda() {
        boolean found = ServiceLoader.load(BackendProvider.class).stream()
                .anyMatch(p -> p.type() == CudaBackendProvider.class && p.get().deviceType().equals("cuda"));
        assertTrue(found, "META-INF/services should register CudaBackendProvider");
    }

    @Test
    void cudaResolvesToTheGpuOrSaysWhyNotInOneLine() {
        Backend backend;
        try {
            backend = Backends.forDevice(Device.cuda(0));
        } catch (IllegalStateException e) {
            assertTrue(e.getMessage().startsWith("device cuda:0 is not available: cuda:0"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "one line, not JCuda's nested stack traces: " + e.getMessage());
            // JCuda fails differently on the second attempt in a JVM; the line must not change.
            IllegalStateException again = assertThrows(IllegalStateException.class, () -> Backends.forDevice(Device.cuda(0)));
            assertEquals(e.getMessage(), again.getMessage());
            return;
        }
        assertEquals(Device.cuda(0), backend.device());
        assertTrue(backend.toString().contains("cuBLAS") || backend.toString().contains("sgemm_blocktile_2d"),
                "cuBLAS, or our best kernel when cuBLAS is missing: " + backend);
    }

    @Test
    void theEmulatorPropertyPutsCudaTensorsOnTheEmulator() {
        assumeTrue(EmulatorLibrary.isAvailable(), EmulatorLibrary::unavailableReason);
        System.setProperty(CudaBackendProvider.DRIVER_PROPERTY, "emulator");
        System.setProperty(CudaBackendProvider.MATMUL_PROPERTY, "shared");
        Tensor x = Tensor.arange(6).reshape(2, 3).to(Device.cuda(0));
        assertTrue(x.backend().toString().contains("emulator") && x.backend().toString().contains("sgemm_shared"),
                x.backend().toString());
        assertArrayEquals(new float[]{5, 14, 14, 50}, x.matmul(x.t()).toFloatArray());
    }

    @Test
    void badPropertiesAreReportedWithTheExpectedValues() {
        System.setProperty(CudaBackendProvider.DRIVER_PROPERTY, "tpu");
        IllegalStateException driver = assertThrows(IllegalStateException.class, () -> Backends.forDevice(Device.cuda(0)));
        assertTrue(driver.getMessage().contains("jgan.cuda.driver (or JGAN_CUDA_DRIVER) is 'tpu': expected gpu or emulator"),
                driver.getMessage());

        System.setProperty(CudaBackendProvider.DRIVER_PROPERTY, "emulator");
        System.setProperty(CudaBackendProvider.MATMUL_PROPERTY, "cublas");
        IllegalStateException matmul = assertThrows(IllegalStateException.class, () -> Backends.forDevice(Device.cuda(0)));
        assertTrue(matmul.getMessage().contains("jgan.cuda.matmul=cublas needs a real GPU"), matmul.getMessage());
    }
}
