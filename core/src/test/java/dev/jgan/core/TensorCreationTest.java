package dev.jgan.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorCreationTest {

    @Test
    void zerosOnesAndFullHaveTheirShapeDtypeAndValue() {
        Tensor z = Tensor.zeros(2, 3);
        assertArrayEquals(new int[]{2, 3}, z.shape());
        assertEquals(DType.FLOAT32, z.dtype());
        assertEquals(Device.CPU, z.device());
        assertArrayEquals(new double[6], z.toDoubleArray());

        Tensor o = Tensor.ones(DType.FLOAT64, 4);
        assertEquals(DType.FLOAT64, o.dtype());
        assertArrayEquals(new double[]{1, 1, 1, 1}, o.toDoubleArray());

        Tensor f = Tensor.full(-2.5, 1, 2, 1);
        assertArrayEquals(new int[]{1, 2, 1}, f.shape());
        assertArrayEquals(new double[]{-2.5, -2.5}, f.toDoubleArray());
        assertTrue(f.isContiguous());
        assertArrayEquals(new int[]{2, 1, 1}, f.strides());
    }

    @Test
    void likeFactoriesCopyShapeAndDtype() {
        Tensor x = Tensor.fromArray(new double[]{1, 2, 3, 4, 5, 6}, 2, 3).t();
        Tensor z = Tensor.zerosLike(x);
        Tensor o = Tensor.onesLike(x);
        assertArrayEquals(new int[]{3, 2}, z.shape());
        assertEquals(DType.FLOAT64, z.dtype());
        assertArrayEquals(new double[6], z.toDoubleArray());
        assertArrayEquals(new double[]{1, 1, 1, 1, 1, 1}, o.toDoubleArray());
        Tensor s = Tensor.scalarLike(x, 7);
        assertArrayEquals(new int[0], s.shape());
        assertEquals(DType.FLOAT64, s.dtype());
    }

    @Test
    void scalarIsZeroDimensionalWithOneElement() {
        Tensor s = Tensor.scalar(3.5);
        assertEquals(0, s.dim());
        assertArrayEquals(new int[0], s.shape());
        assertEquals(1, s.numel());
        assertEquals(3.5, s.item());
        assertEquals(3.5, s.get());
        assertEquals(DType.FLOAT32, s.dtype());
    }

    @Test
    void emptyShapesHoldNoElements() {
        Tensor e = Tensor.zeros(3, 0, 2);
        assertEquals(0, e.numel());
        assertArrayEquals(new double[0], e.toDoubleArray());
        assertArrayEquals(new int[]{3, 0, 2}, e.shape());
        assertEquals(0, Tensor.arange(0).numel());
    }

    @ParameterizedTest(name = "arange({0}, {1}, {2})")
    @CsvSource(delimiter = ';', value = {
            "0; 5; 1; 0 1 2 3 4",
            "5; 0; -1; 5 4 3 2 1",
            "1; -2; -0.5; 1 0.5 0 -0.5 -1 -1.5",
            "0; 1; 0.25; 0 0.25 0.5 0.75",
            "-3; 3; 2.5; -3 -0.5 2",
            "2; 2; 1; ''",
            "3; 0; 1; ''",
            "0; 3; -1; ''",
    })
    void arangeStopsBeforeEndInTheStepsDirection(double start, double end, double step, String expected) {
        Tensor a = Tensor.arange(DType.FLOAT64, start, end, step);
        double[] want = expected.isEmpty() ? new double[0]
                : java.util.Arrays.stream(expected.split(" ")).mapToDouble(Double::parseDouble).toArray();
        assertArrayEquals(new int[]{want.length}, a.shape());
        assertArrayEquals(want, a.toDoubleArray(), 1e-12);
    }

    @Test
    void arangeDefaultsToFloat32AndRejectsAZeroStep() {
        Tensor a = Tensor.arange(4);
        assertEquals(DType.FLOAT32, a.dtype());
        assertArrayEquals(new double[]{0, 1, 2, 3}, a.toDoubleArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 1, 0));
        assertTrue(e.getMessage().startsWith("arange: step"), e.getMessage());
    }

    /** A NaN end used to give an empty tensor, an infinite one an OutOfMemoryError. */
    @Test
    void arangeRejectsNonFiniteBoundsAndHugeCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, Double.NaN, 1));
        assertEquals("arange: start and end must be finite, got 0.0 and NaN", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, Double.POSITIVE_INFINITY, 1));
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(Double.NEGATIVE_INFINITY, 0, 1));
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.arange(0, 1e10, 1));
        assertTrue(e.getMessage().startsWith("arange: 0.0 to 1.0E10 in steps of 1.0 is"), e.getMessage());
    }

    @Test
    void fromArrayKeepsRowMajorOrderAndCopiesTheArray() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = Tensor.fromArray(data, 2, 3);
        data[0] = 100;
        assertEquals(1, t.get(0, 0));
        assertEquals(6, t.get(1, 2));
        assertEquals(4, t.get(1, 0));
        assertEquals(DType.FLOAT32, t.dtype());
        assertEquals(DType.FLOAT64, Tensor.fromArray(new double[]{1}, 1).dtype());
    }

    @Test
    void fromArrayRejectsACountThatDoesNotFillTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.fromArray(new float[]{1, 2, 3, 4, 5}, 2, 3));
        assertEquals("fromArray: 5 values do not fill shape [2, 3] (6 elements)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.fromArray(new double[]{1, 2}, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> Tensor.fromArray(new double[]{1, 2}));
    }

    @Test
    void negativeSizesAreRejectedNamingTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -1));
        assertTrue(e.getMessage().contains("[2, -1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Tensor.fromArray(new float[0], 0, -1));
    }
}
