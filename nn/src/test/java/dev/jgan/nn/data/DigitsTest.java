package dev.jgan.nn.data;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitsTest {

    @Test
    void hasAllDigitsInRoughlyEqualNumbers() {
        TensorDataset digits = Digits.load();
        assertEquals(1797, digits.size());
        assertArrayEquals(new int[] {1, 8, 8}, digits.imageShape());
        int[] perClass = new int[10];
        for (int label : digits.labels()) {
            perClass[label]++;
        }
        // Counted in the csv with awk: 178 zeros ... 180 nines.
        assertArrayEquals(new int[] {178, 182, 177, 183, 181, 182, 181, 179, 174, 180}, perClass);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : digits.images().toFloatArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
    }

    @Test
    void firstExampleIsTheFirstCsvRowOverSixteen() {
        // First line of digits.csv.gz, a zero.
        int[] row = {0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8,
            8, 0, 0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0};
        float[] expected = new float[64];
        for (int i = 0; i < 64; i++) {
            expected[i] = row[i] / 16f;
        }
        Example first = Digits.load().get(0);
        assertEquals(0, first.label());
        assertArrayEquals(expected, first.image().toFloatArray());
        assertEquals(13 / 16f, first.image().get(0, 1, 2));
    }

    @Test
    void attributionShipsWithTheData() {
        assertNotNull(Digits.class.getResource("digits-ATTRIBUTION.txt"));
    }

    private static IOException parseError(String csv) {
        return assertThrows(IOException.class, () -> Digits.parse(new BufferedReader(new StringReader(csv)), "d.csv"));
    }

    private static String row(String pixel, String label) {
        return pixel + ",0".repeat(63) + "," + label + "\n";
    }

    @Test
    void malformedCsvIsReportedWithItsLine() {
        assertEquals("d.csv line 2: 3 values, expected 65 (64 pixels and a label)",
                parseError(row("1", "2") + "1,2,3\n").getMessage());
        assertEquals("d.csv line 1: pixel 0 'x' is not an integer", parseError(row("x", "2")).getMessage());
        assertEquals("d.csv line 1: pixel 0 17 is outside 0..16", parseError(row("17", "2")).getMessage());
        assertEquals("d.csv line 1: label 10 is outside 0..9", parseError(row("0", "10")).getMessage());
        assertEquals("d.csv: 1 lines, expected 1797", parseError(row("0", "1")).getMessage());
        assertTrue(parseError(row("0", "1").repeat(1798)).getMessage().startsWith("d.csv line 1798: more than"));
    }
}
