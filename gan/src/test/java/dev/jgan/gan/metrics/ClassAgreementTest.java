package dev.jgan.gan.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClassAgreementTest {
    // Asked 0 three times (drawn 0, 0, 2), 1 twice (drawn 1, 1), 2 three times (drawn 2, 1, 1).
    private final ClassAgreement agreement = ClassAgreement.of("cnn", new int[]{0, 0, 0, 1, 1, 2, 2, 2},
            new int[]{0, 0, 2, 1, 1, 2, 1, 1}, 3);

    @Test
    void countsAskedAgainstPredicted() {
        assertArrayEquals(new int[][]{{2, 0, 1}, {0, 2, 0}, {0, 2, 1}}, agreement.confusion());
        assertEquals(8, agreement.samples());
        assertEquals(5.0 / 8, agreement.agreement());
        assertEquals(2.0 / 3, agreement.agreement(0));
        assertEquals(1.0, agreement.agreement(1));
        assertEquals(1.0 / 3, agreement.agreement(2));
        assertEquals(2, agreement.worstClass());
    }

    @Test
    void theTableGivesTheAgreementAndTheWorstClassWithItsCommonestMistake() {
        assertEquals("asked-for class drawn (cnn's prediction, 8 samples): 62.5 %; worst 2 at 33.3 % (most often taken"
                + " for 1: 2 samples)" + System.lineSeparator(), agreement.table());
    }

    @Test
    void aGeneratorThatAlwaysAgreesHasNoMistakeToName() {
        assertEquals("asked-for class drawn (cnn's prediction, 2 samples): 100.0 %; worst 0 at 100.0 %"
                + System.lineSeparator(), ClassAgreement.of("cnn", new int[]{0, 1}, new int[]{0, 1}, 2).table());
    }

    @Test
    void aClassNeverAskedForHasNoAgreementAndIsNotTheWorst() {
        ClassAgreement twoOfThree = ClassAgreement.of("cnn", new int[]{0, 0, 1}, new int[]{0, 2, 1}, 3);
        assertTrue(Double.isNaN(twoOfThree.agreement(2)));
        assertEquals(0, twoOfThree.worstClass());
    }

    @Test
    void badInputIsRefusedWithTheSampleOrRowNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassAgreement.of("cnn", new int[]{0, 3}, new int[]{0, 1}, 3));
        assertTrue(e.getMessage().contains("asked-for class 3 of sample 1 is outside 0..2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ClassAgreement.of("cnn", new int[]{0}, new int[]{0, 1}, 3));
        assertTrue(e.getMessage().contains("1 asked-for classes but 2 predictions"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ClassAgreement("cnn", new int[][]{{1, 0}, {0}}));
        assertTrue(e.getMessage().contains("row 1 has 1 counts, expected 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ClassAgreement("cnn", new int[][]{{1, -1}, {0, 0}}));
        e = assertThrows(IllegalArgumentException.class, () -> ClassAgreement.of("cnn", new int[0], new int[0], 3));
        assertTrue(e.getMessage().contains("no samples"), e.getMessage());
    }

    @Test
    void theMatrixCannotBeChangedFromOutside() {
        int[][] counts = {{1, 0}, {0, 1}};
        ClassAgreement a = new ClassAgreement("cnn", counts);
        counts[0][0] = 50;
        a.confusion()[1][1] = 50;
        assertArrayEquals(new int[][]{{1, 0}, {0, 1}}, a.confusion());
    }
}
