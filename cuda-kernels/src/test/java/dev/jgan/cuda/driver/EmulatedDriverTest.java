package dev.jgan.cuda.driver;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What the emulator refuses, and how the Java side lays out kernel arguments. */
class EmulatedDriverTest {
    private EmulatedDriver driver;

    /** Per test, not per class: an assumption that fails in @BeforeAll hides the tests instead of skipping them. */
    @BeforeEach
    void openEmulator() {
        assumeTrue(EmulatorLibrary.isAvailable(), EmulatorLibrary::unavailableReason);
        driver = new EmulatedDriver();
    }

    @Test
    void argumentsAreLaidOutAsCudaKernelParameters() {
        KernelArgs args = new KernelArgs().i32(7).f64(2.5).dims(new int[]{3, 4}).i64(-9).f32(1.5f);
        byte[] packed = EmulatedDriver.pack("test", args.args());
        ByteBuffer bytes = ByteBuffer.wrap(packed).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(7, bytes.getInt(0));
        assertEquals(2.5, bytes.getDouble(8), "a double starts at a multiple of 8");
        assertEquals(2, bytes.getInt(16), "Dims.rank");
        assertEquals(3, bytes.getInt(20));
        assertEquals(4, bytes.getInt(24));
        assertEquals(0, bytes.getInt(28), "unused sizes are 0");
        assertEquals(-9, bytes.getLong(56), "Dims ends at 52; a long starts at 56");
        assertEquals(1.5f, bytes.getFloat(64));
        assertEquals(68, packed.length);
        assertEquals("idDlf", args.signature());
    }

    @Test
    void aLaunchWhoseArgumentsDoNotMatchTheKernelIsRefused() {
        DeviceMemory memory = driver.allocate(16);
        KernelArgs wrong = new KernelArgs().i32(4).dims(new int[]{4}).ptr(memory).view(0, new int[]{1}).f64(1.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> driver.launch("fill_f32", Dim3.of(1), Dim3.of(4), wrong));
        assertTrue(e.getMessage().contains("kernel fill_f32 takes arguments (iDpVf, 88 bytes) but was given (iDpVd"),
                e.getMessage());
        driver.free(memory);
    }

    @Test
    void unknownKernelsAndOversizedBlocksAreRefused() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> driver.launch("no_such_kernel", Dim3.of(1), Dim3.of(1), new KernelArgs()));
        assertTrue(unknown.getMessage().contains("no kernel named 'no_such_kernel'"), unknown.getMessage());

        DeviceMemory memory = driver.allocate(16);
        KernelArgs fill = new KernelArgs().i32(4).dims(new int[]{4}).ptr(memory).view(0, new int[]{1}).f32(1f);
        IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
                () -> driver.launch("fill_f32", Dim3.of(1), Dim3.of(64, 32), fill));
        assertTrue(tooBig.getMessage().contains("exceeds CUDA's limits of 1024 threads"), tooBig.getMessage());
        driver.free(memory);
    }

    @Test
    void freedMemoryAndOutOfRangeCopiesAreErrorsNotCrashes() {
        DeviceMemory memory = driver.allocate(8);
        assertThrows(IndexOutOfBoundsException.class, () -> driver.copyToHost(memory, 4, new float[2]));
        assertThrows(IndexOutOfBoundsException.class, () -> driver.copyToDevice(new double[2], memory, 0));
        driver.free(memory);
        assertThrows(IllegalStateException.class, () -> driver.copyToHost(memory, 0, new float[1]));
        assertThrows(IllegalStateException.class, () -> driver.free(memory));
        KernelArgs fill = new KernelArgs().i32(2).dims(new int[]{2}).ptr(memory).view(0, new int[]{1}).f32(1f);
        assertThrows(IllegalStateException.class, () -> driver.launch("fill_f32", Dim3.of(1), Dim3.of(2), fill));
    }

    @Test
    void freshMemoryReadsAsNanSoThatUnwrittenOutputsShow() {
        DeviceMemory memory = driver.allocate(12);
        float[] values = new float[3];
        driver.copyToHost(memory, 0, values);
        for (float v : values) {
            assertTrue(Float.isNaN(v), "fresh emulated memory should read as NaN, got " + v);
        }
        driver.free(memory);
    }

    @Test
    void aKernelRunsEveryThreadOfEveryBlock() {
        // 3 blocks of 5 threads, one element each: a fill that misses a thread or a block leaves NaN.
        DeviceMemory memory = driver.allocate(4 * 15);
        KernelArgs fill = new KernelArgs().i32(15).dims(new int[]{15}).ptr(memory).view(0, new int[]{1}).f32(2f);
        driver.launch("fill_f32", Dim3.of(3), Dim3.of(5), fill);
        float[] values = new float[15];
        driver.copyToHost(memory, 0, values);
        for (int i = 0; i < values.length; i++) {
            assertEquals(2f, values[i], "element " + i);
        }
        driver.free(memory);
    }
}
