package dev.jgan.core;

import java.util.Arrays;
import java.util.Random;

/**
 * Random pairs of shapes for the broadcasting properties. Both shapes are cut from one common
 * shape (leading dims dropped, some sizes replaced by 1), so most pairs broadcast; a quarter of
 * the pairs then get one size overwritten at random, which breaks many of them.
 */
final class BroadcastShapes {
    private BroadcastShapes() {
    }

    static int[][] pair(Random rnd) {
        int[] common = new int[rnd.nextInt(5)];
        for (int d = 0; d < common.length; d++) {
            common[d] = size(rnd);
        }
        int[] a = derive(common, rnd);
        int[] b = derive(common, rnd);
        if (rnd.nextInt(4) == 0) {
            int[] victim = rnd.nextBoolean() ? a : b;
            if (victim.length > 0) {
                victim[rnd.nextInt(victim.length)] = size(rnd);
            }
        }
        return new int[][]{a, b};
    }

    /** A size from 0 to 4; 0 is rare so that most tensors still hold elements. */
    static int size(Random rnd) {
        return rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(4);
    }

    private static int[] derive(int[] common, Random rnd) {
        int[] s = Arrays.copyOfRange(common, rnd.nextInt(common.length + 1), common.length);
        for (int d = 0; d < s.length; d++) {
            if (rnd.nextInt(3) == 0) {
                s[d] = 1;
            }
        }
        return s;
    }
}
