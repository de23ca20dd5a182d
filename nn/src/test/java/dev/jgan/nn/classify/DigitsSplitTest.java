package dev.jgan.nn.classify;

import dev.jgan.nn.data.Dataset;
import dev.jgan.nn.data.Digits;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigitsSplitTest {

    @Test
    void theLast297DigitsAreHeldOutAndBothPartsHoldEveryClass() {
        Dataset train = DigitsSplit.train();
        Dataset test = DigitsSplit.test();
        assertEquals(1500, train.size());
        assertEquals(297, test.size());
        Dataset all = Digits.load();
        float[] last = new float[64];
        float[] firstTest = new float[64];
        all.copyImage(1500, last, 0);
        test.copyImage(0, firstTest, 0);
        assertArrayEquals(last, firstTest);
        for (Dataset part : new Dataset[]{train, test}) {
            int[] counts = new int[10];
            for (int i = 0; i < part.size(); i++) {
                counts[part.label(i)]++;
            }
            for (int c = 0; c < 10; c++) {
                assertTrue(counts[c] >= 25, "digit " + c + " appears " + counts[c] + " times in a part of " + part.size());
            }
        }
    }
}
