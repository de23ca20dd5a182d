package dev.jgan.nn.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CIFAR-10 binary format, on small batch files written here. */
class Cifar10Test {
    @TempDir
    Path dir;

    /**
     * Records with these labels; in record r, every red pixel is r, green 100 + r and blue 200 + r,
     * except the last blue pixel, which is 255.
     */
    private static byte[] records(int... labels) {
        byte[] bytes = new byte[labels.length * Cifar10.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            int at = r * Cifar10.RECORD_BYTES;
            bytes[at] = (byte) labels[r];
            for (int c = 0; c < 3; c++) {
                Arrays.fill(bytes, at + 1 + c * 1024, at + 1 + (c + 1) * 1024, (byte) (100 * c + r));
            }
            bytes[at + Cifar10.RECORD_BYTES - 1] = (byte) 255;
        }
        return bytes;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void readsLabelsAndChannelPlanesAsCHW() throws IOException {
        write("test_batch.bin", records(6, 0, 9));
        TensorDataset d = Cifar10.load(dir, false);
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {3, 32, 32}, d.imageShape());
        assertArrayEquals(new int[] {6, 0, 9}, d.labels());
        var image = d.get(2).image();
        assertEquals(2 / 255f, image.get(0, 5, 7));
        assertEquals(102 / 255f, image.get(1, 31, 0));
        assertEquals(202 / 255f, image.get(2, 0, 0));
        assertEquals(1f, image.get(2, 31, 31));
    }

    @Test
    void trainingSetIsTheFiveBatchesInOrder() throws IOException {
        for (int i = 1; i <= 5; i++) {
            write("data_batch_" + i + ".bin", records(i, i - 1));
        }
        assertArrayEquals(new int[] {1, 0, 2, 1, 3, 2, 4, 3, 5, 4}, Cifar10.load(dir, true).labels());
    }

    @Test
    void theTestSetIsThereWhenTheTestBatchIs() throws IOException {
        write("data_batch_1.bin", records(1));
        assertFalse(Cifar10.hasTestSet(dir));
        write("test_batch.bin", records(2));
        assertTrue(Cifar10.hasTestSet(dir));
    }

    @Test
    void missingBatchesAreListed() throws IOException {
        write("data_batch_1.bin", records(1));
        write("data_batch_3.bin", records(1));
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> Cifar10.load(dir, true));
        assertEquals(dir + ": missing data_batch_2.bin, data_batch_4.bin, data_batch_5.bin", e.getMessage());
        assertEquals(dir + ": missing test_batch.bin",
                assertThrows(NoSuchFileException.class, () -> Cifar10.load(dir, false)).getMessage());
    }

    @Test
    void aTruncatedRecordIsNamed() throws IOException {
        byte[] two = records(1, 2);
        Path file = write("test_batch.bin", Arrays.copyOf(two, two.length - 100));
        DataFileException e = assertThrows(DataFileException.class, () -> Cifar10.load(dir, false));
        assertEquals(file, e.file());
        assertEquals(file + ": wrong size 6046 bytes: 1 whole records of 3073 bytes, then a truncated record of 2973 bytes",
                e.getMessage());
    }

    @Test
    void anEmptyFileIsNamed() throws IOException {
        Path file = write("test_batch.bin", new byte[0]);
        assertEquals(file + ": empty; a CIFAR-10 batch holds records of 3073 bytes",
                assertThrows(DataFileException.class, () -> Cifar10.read(List.of(file))).getMessage());
    }

    @Test
    void aLabelOutsideTheTenClassesIsNamed() throws IOException {
        Path file = write("test_batch.bin", records(3, 10));
        assertEquals(file + ": record 1 has label 10, expected 0..9",
                assertThrows(DataFileException.class, () -> Cifar10.read(List.of(file))).getMessage());
    }
}
