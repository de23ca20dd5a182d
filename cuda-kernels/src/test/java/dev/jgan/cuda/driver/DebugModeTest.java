package dev.jgan.cuda.driver;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A kernel that writes past the end of its buffer, as a wrong size or stride makes it do: in
 * debug mode the launch itself fails and names the kernel and the argument; without it, the
 * fault surfaces at the next copy to the host, as on a GPU, with the advice to turn debug mode
 * on. fill_f32 told that 12 floats live in a block of 10 writes 8 bytes too far.
 */
class DebugModeTest {
    @BeforeEach
    void emulatorPresent() {
        assumeTrue(EmulatorLibrary.isAvailable(), EmulatorLibrary::unavailableReason);
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(Driver.DEBUG_PROPERTY);
    }

    @Test
    void inDebugModeTheFaultingLaunchNamesItsKernelAndArgument() {
        EmulatedDriver driver = new EmulatedDriver(true);
        DeviceMemory memory = driver.allocate(4 * 10);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> driver.launch("fill_f32", Dim3.of(1), Dim3.of(4), overrunningFill(memory)));
        assertTrue(e.getMessage().startsWith("emulated device: kernel fill_f32 (grid (1, 1, 1), block (4, 1, 1)) wrote"
                + " outside its argument 2, emulated device memory of 40 bytes"), e.getMessage());
        float[] values = new float[10];
        driver.copyToHost(memory, 0, values);
        assertArrayEquals(new float[]{7, 7, 7, 7, 7, 7, 7, 7, 7, 7}, values, "reported once: the guards were restored");
        driver.free(memory);
    }

    @Test
    void withoutDebugModeTheNextCopyReportsTheFaultAndSaysHowToNameIt() {
        EmulatedDriver driver = new EmulatedDriver(false);
        DeviceMemory memory = driver.allocate(4 * 10);
        driver.launch("fill_f32", Dim3.of(1), Dim3.of(4), overrunningFill(memory));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> driver.copyToHost(memory, 0, new float[10]));
        assertTrue(e.getMessage().contains("copyToHost: a kernel launched earlier wrote outside emulated device memory of"
                + " 40 bytes (its guard bytes changed); run with -Djgan.cuda.debug=true to name the kernel"), e.getMessage());
        driver.launch("fill_f32", Dim3.of(1), Dim3.of(4), overrunningFill(memory));
        IllegalStateException atFree = assertThrows(IllegalStateException.class, () -> driver.free(memory));
        assertTrue(atFree.getMessage().startsWith("emulated device: free: a kernel launched earlier wrote outside"),
                atFree.getMessage());
    }

    @Test
    void theSystemPropertyTurnsDebugModeOn() {
        assertTrue(!new EmulatedDriver().description().contains("debug"), new EmulatedDriver().description());
        System.setProperty(Driver.DEBUG_PROPERTY, "true");
        EmulatedDriver driver = new EmulatedDriver();
        assertTrue(driver.description().contains("debug: every launch checked"), driver.description());
        DeviceMemory memory = driver.allocate(4 * 10);
        KernelArgs overrun = overrunningFill(memory);
        assertThrows(IllegalStateException.class, () -> driver.launch("fill_f32", Dim3.of(1), Dim3.of(4), overrun));
    }

    @Test
    void writesInsideTheBlockPassEveryCheck() {
        EmulatedDriver driver = new EmulatedDriver(true);
        DeviceMemory memory = driver.allocate(4 * 10);
        KernelArgs fill = new KernelArgs().i32(10).dims(new int[]{10}).ptr(memory).view(0, new int[]{1}).f32(7f);
        driver.launch("fill_f32", Dim3.of(1), Dim3.of(4), fill);
        float[] values = new float[10];
        driver.copyToHost(memory, 0, values);
        assertArrayEquals(new float[]{7, 7, 7, 7, 7, 7, 7, 7, 7, 7}, values);
        driver.free(memory);
    }

    /** fill_f32 of 12 elements into a block of 10 floats. */
    private static KernelArgs overrunningFill(DeviceMemory memory) {
        return new KernelArgs().i32(12).dims(new int[]{12}).ptr(memory).view(0, new int[]{1}).f32(7f);
    }
}
