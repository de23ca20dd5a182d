package dev.jgan.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Views refuse impossible requests with an error that names the view op and the shapes. */
class ViewErrorsTest {
    private final Tensor x = Tensor.zeros(2, 3);

    private static String refusal(Executable call) {
        return assertThrows(IllegalArgumentException.class, call).getMessage();
    }

    /** A negative size other than -1 used to slip through and make a tensor of shape [-2]. */
    @Test
    void expandRejectsNegativeSizes() {
        assertEquals("expand: size -2 in [-2] is negative; -1 (keep the size) is the only negative size allowed",
                refusal(() -> Tensor.zeros(1).expand(-2)));
        assertTrue(refusal(() -> x.expand(-1, 2, 3)).startsWith("expand: -1 is not allowed for the new leading dim"));
        assertTrue(refusal(() -> x.expand(3)).contains("fewer dims"));
        assertTrue(refusal(() -> x.expand(4, 3)).contains("[2, 3]"));
        assertArrayEquals(new int[]{0, 3}, Tensor.zeros(1, 3).expand(0, -1).shape());
    }

    /** broadcastTo used to report an expand error ("size 3 ... is neither 1 nor 1"). */
    @Test
    void broadcastToNamesItselfAndBothShapes() {
        assertEquals("broadcastTo: cannot broadcast [3] to [1]: the two shapes broadcast to [3] instead",
                refusal(() -> Tensor.zeros(3).broadcastTo(1)));
        assertTrue(refusal(() -> x.broadcastTo(3)).startsWith("broadcastTo: cannot broadcast [2, 3] to [3]"));
        assertTrue(refusal(() -> x.broadcastTo(4)).startsWith("broadcastTo: shapes [2, 3] and [4] cannot be broadcast"));
        assertTrue(refusal(() -> x.broadcastTo(4, 3)).startsWith("broadcastTo: "));
        assertArrayEquals(new int[]{4, 2, 3}, x.broadcastTo(4, 2, 3).shape());
    }

    @Test
    void otherViewsNameTheOpAndTheShape() {
        assertEquals("narrow: start 2 and length 2 do not fit in dim 1 of size 3 of [2, 3]",
                refusal(() -> x.narrow(1, 2, 2)));
        assertTrue(refusal(() -> x.permute(0)).startsWith("permute: [0] has 1 dims but the tensor [2, 3] has 2"));
        assertTrue(refusal(() -> x.permute(1, -1)).startsWith("permute: [1, -1] repeats dim"));
        assertTrue(refusal(() -> x.transpose(0, 2)).startsWith("transpose: dim 2 is out of range"));
        assertEquals("reshape: cannot reshape [2, 3] (6 elements) into [4] (4 elements)", refusal(() -> x.reshape(4)));
        assertTrue(refusal(() -> x.view(-1, -1)).startsWith("view: only one dim may be -1"));
        assertTrue(refusal(() -> x.reshape(-1, 4)).startsWith("reshape: cannot reshape [2, 3]"));
        assertTrue(refusal(() -> Tensor.zeros(2, 3, 4).t()).startsWith("t: expects a 2-D tensor, got shape [2, 3, 4]"));
        assertTrue(refusal(() -> x.squeeze(2)).startsWith("squeeze: dim 2"));
        assertTrue(refusal(() -> x.unsqueeze(4)).startsWith("unsqueeze: dim 4"));
        assertTrue(refusal(() -> x.t().view(6)).startsWith("view: cannot view [3, 2] with strides [1, 3] as [6]"));
    }
}
