package dev.jgan.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random chains of view ops on a tensor whose element i holds the number i, checked after every
 * step against a plain model: the list of base elements the view shows, in row-major order,
 * rebuilt by each op from nested indices alone (no strides). Because each step must stay a view
 * of the base storage, the model's list is also the list of storage positions, which gives
 * exact oracles for contiguity and for whether view() can avoid a copy.
 */
class ViewChainPropertyTest {
    private static final int MAX_RANK = 5;

    static IntStream seeds() {
        return IntStream.range(0, 200);
    }

    /** What the view shows: its shape and, row-major, the base element behind each entry. */
    record Model(int[] shape, int[] source) {
        static Model base(int[] shape) {
            int[] source = new int[IndexSpace.count(shape)];
            for (int i = 0; i < source.length; i++) {
                source[i] = i;
            }
            return new Model(shape, source);
        }

        int at(int[] index) {
            return source[IndexSpace.linear(shape, index)];
        }

        Model reshaped(int[] newShape) {
            return new Model(newShape, source);
        }

        /** Output dim i is input dim order[i]. */
        Model permuted(int[] order) {
            int[] newShape = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                newShape[i] = shape[order[i]];
            }
            return build(newShape, j -> {
                int[] k = new int[order.length];
                for (int i = 0; i < order.length; i++) {
                    k[order[i]] = j[i];
                }
                return k;
            });
        }

        Model narrowed(int dim, int start, int length) {
            int[] newShape = shape.clone();
            newShape[dim] = length;
            return build(newShape, j -> {
                int[] k = j.clone();
                k[dim] += start;
                return k;
            });
        }

        Model expanded(int[] newShape) {
            int lead = newShape.length - shape.length;
            return build(newShape, j -> {
                int[] k = new int[shape.length];
                for (int d = 0; d < shape.length; d++) {
                    k[d] = shape[d] == 1 ? 0 : j[d + lead];
                }
                return k;
            });
        }

        private Model build(int[] newShape, java.util.function.UnaryOperator<int[]> toOld) {
            int[] newSource = new int[IndexSpace.count(newShape)];
            for (int[] j : IndexSpace.all(newShape)) {
                newSource[IndexSpace.linear(newShape, j)] = at(toOld.apply(j));
            }
            return new Model(newShape, newSource);
        }

        /** Row-major with no gaps: each element sits right after the previous one. */
        boolean contiguous() {
            for (int i = 1; i < source.length; i++) {
                if (source[i] != source[0] + i) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Whether some strides show these storage positions with {@code newShape}. A dim of size
         * n > 1 has only one candidate stride (the step from element 0 to the element one step
         * along it), so trying that candidate on every element decides the question.
         */
        boolean viewableAs(int[] newShape) {
            if (source.length == 0) {
                return true;
            }
            int rank = newShape.length;
            int[] strides = new int[rank];
            int step = 1;
            for (int d = rank - 1; d >= 0; d--) {
                strides[d] = newShape[d] > 1 ? source[step] - source[0] : 0;
                step *= newShape[d];
            }
            for (int[] j : IndexSpace.all(newShape)) {
                int expected = source[0];
                for (int d = 0; d < rank; d++) {
                    expected += j[d] * strides[d];
                }
                if (source[IndexSpace.linear(newShape, j)] != expected) {
                    return false;
                }
            }
            return true;
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void viewChainsMatchTheIndexModel(int seed) {
        Random rnd = new Random(seed);
        int[] baseShape = new int[rnd.nextInt(5)];
        for (int d = 0; d < baseShape.length; d++) {
            baseShape[d] = rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(4);
        }
        Tensor base = Tensor.arange(IndexSpace.count(baseShape)).reshape(baseShape);
        Tensor t = base;
        Model model = Model.base(baseShape);
        List<String> steps = new ArrayList<>();
        steps.add("base " + Shape.format(baseShape));
        int length = 1 + rnd.nextInt(8);
        for (int s = 0; s < length; s++) {
            Step step = step(t, model, rnd);
            steps.add(step.description);
            t = step.tensor;
            model = step.model;
            check(base, t, model, rnd, String.join(" -> ", steps));
        }
    }

    private record Step(Tensor tensor, Model model, String description) {
    }

    private Step step(Tensor t, Model m, Random rnd) {
        int rank = m.shape().length;
        switch (rnd.nextInt(9)) {
            case 0 -> {
                List<Integer> order = new ArrayList<>();
                for (int d = 0; d < rank; d++) {
                    order.add(d);
                }
                Collections.shuffle(order, rnd);
                int[] p = order.stream().mapToInt(Integer::intValue).toArray();
                int[] asked = p.clone();
                for (int i = 0; i < rank; i++) {
                    asked[i] = rnd.nextBoolean() ? p[i] : p[i] - rank;
                }
                return new Step(t.permute(asked), m.permuted(p), "permute" + Arrays.toString(asked));
            }
            case 1 -> {
                if (rank == 0) {
                    break;
                }
                int a = rnd.nextInt(rank);
                int b = rnd.nextInt(rank);
                int[] p = identity(rank);
                p[a] = b;
                p[b] = a;
                int askedA = rnd.nextBoolean() ? a : a - rank;
                return new Step(t.transpose(askedA, b), m.permuted(p), "transpose(" + askedA + ", " + b + ")");
            }
            case 2 -> {
                if (rank == 0) {
                    break;
                }
                int d = rnd.nextInt(rank);
                int size = m.shape()[d];
                int start;
                int len;
                if (size == 0 || rnd.nextInt(15) == 0) {
                    start = rnd.nextInt(size + 1);
                    len = 0;
                } else {
                    start = rnd.nextInt(size);
                    len = 1 + rnd.nextInt(size - start);
                }
                return new Step(t.narrow(d, start, len), m.narrowed(d, start, len),
                        "narrow(" + d + ", " + start + ", " + len + ")");
            }
            case 3 -> {
                int lead = rank < MAX_RANK && rnd.nextBoolean() ? 1 : 0;
                int[] target = new int[rank + lead];
                int[] asked = new int[rank + lead];
                for (int d = 0; d < target.length; d++) {
                    int old = d < lead ? 1 : m.shape()[d - lead];
                    target[d] = old == 1 && (d < lead || rnd.nextBoolean()) ? (rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(3)) : old;
                    asked[d] = d >= lead && target[d] == old && rnd.nextBoolean() ? -1 : target[d];
                }
                return new Step(t.expand(asked), m.expanded(target), "expand" + Arrays.toString(asked));
            }
            case 4 -> {
                int[] kept = Arrays.stream(m.shape()).filter(s -> s != 1).toArray();
                return new Step(t.squeeze(), m.reshaped(kept), "squeeze()");
            }
            case 5 -> {
                if (rank == 0) {
                    break;
                }
                int d = rnd.nextInt(rank);
                int[] shape = m.shape()[d] == 1 ? remove(m.shape(), d) : m.shape();
                int asked = rnd.nextBoolean() ? d : d - rank;
                return new Step(t.squeeze(asked), m.reshaped(shape), "squeeze(" + asked + ")");
            }
            case 6 -> {
                if (rank == MAX_RANK) {
                    break;
                }
                int d = rnd.nextInt(rank + 1);
                int asked = rnd.nextBoolean() ? d : d - rank - 1;
                return new Step(t.unsqueeze(asked), m.reshaped(insertOne(m.shape(), d)), "unsqueeze(" + asked + ")");
            }
            case 7 -> {
                if (rank != 2) {
                    break;
                }
                return new Step(t.t(), m.permuted(new int[]{1, 0}), "t()");
            }
            default -> {
                int[] target = sameCount(m.shape(), rnd);
                int[] asked = withMinusOne(target, rnd);
                if (probeView(t, m, target, asked)) {
                    return new Step(t.view(asked), m.reshaped(target), "view" + Arrays.toString(asked));
                }
                return new Step(t, m, "view" + Arrays.toString(asked) + " refused");
            }
        }
        return new Step(t, m, "(skipped)");
    }

    private void check(Tensor base, Tensor t, Model m, Random rnd, String chain) {
        assertArrayEquals(m.shape(), t.shape(), chain);
        assertSame(base.storage(), t.storage(), "a view op copied: " + chain);
        assertArrayEquals(asDoubles(m.source()), t.toDoubleArray(), chain);
        if (m.source().length > 0) {
            int[] index = new int[m.shape().length];
            int[] asked = new int[index.length];
            for (int d = 0; d < index.length; d++) {
                index[d] = rnd.nextInt(m.shape()[d]);
                asked[d] = rnd.nextBoolean() ? index[d] : index[d] - m.shape()[d];
            }
            assertEquals(m.at(index), t.get(asked), "get" + Arrays.toString(asked) + " after " + chain);
        }
        int[] target = sameCount(m.shape(), rnd);
        probeView(t, m, target, withMinusOne(target, rnd));
        boolean contiguous = m.contiguous();
        assertEquals(contiguous, t.isContiguous(), "isContiguous after " + chain);
        Tensor c = t.contiguous();
        if (contiguous) {
            assertSame(t.storage(), c.storage(), "contiguous() copied an already contiguous tensor: " + chain);
        } else {
            assertNotSame(t.storage(), c.storage(), chain);
            assertArrayEquals(asDoubles(m.source()), c.toDoubleArray(), chain);
            assertTrue(c.isContiguous(), chain);
        }
    }

    /**
     * Asks for {@code asked} through view() and reshape(). Where the model says strides exist,
     * both must give a view of the same storage; elsewhere view() must refuse, naming the shapes,
     * and reshape() must copy. Returns whether a view was possible.
     */
    private static boolean probeView(Tensor t, Model m, int[] target, int[] asked) {
        String what = "view" + Arrays.toString(asked) + " of " + Shape.format(m.shape()) + " strides "
                + Shape.format(t.strides());
        if (m.viewableAs(target)) {
            Tensor view = t.view(asked);
            Tensor viaReshape = t.reshape(asked);
            assertSame(t.storage(), view.storage(), what);
            assertSame(t.storage(), viaReshape.storage(), "reshape copied where a view was possible: " + what);
            assertArrayEquals(target, view.shape(), what);
            assertArrayEquals(target, viaReshape.shape(), what);
            assertArrayEquals(asDoubles(m.source()), view.toDoubleArray(), what);
            return true;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.view(asked), what);
        assertTrue(e.getMessage().startsWith("view: ") && e.getMessage().contains(Shape.format(m.shape()))
                && e.getMessage().contains(Shape.format(target)), e.getMessage());
        Tensor copy = t.reshape(asked);
        assertNotSame(t.storage(), copy.storage(), "reshape must copy when no view exists: " + what);
        assertArrayEquals(target, copy.shape(), what);
        assertTrue(copy.isContiguous(), what);
        assertArrayEquals(asDoubles(m.source()), copy.toDoubleArray(), what);
        return false;
    }

    /** The viewability oracle on cases worked by hand: it must be able to say both yes and no. */
    @Test
    void oracleKnowsWhichViewsExist() {
        Model transposed = Model.base(new int[]{2, 3}).permuted(new int[]{1, 0});
        assertTrue(!transposed.viewableAs(new int[]{6}) && transposed.viewableAs(new int[]{3, 1, 2}));
        Model expanded = Model.base(new int[]{1, 3}).expanded(new int[]{2, 3});
        assertTrue(!expanded.viewableAs(new int[]{6}) && expanded.viewableAs(new int[]{2, 1, 3}));
        Model narrowed = Model.base(new int[]{4, 3}).narrowed(1, 0, 2);
        assertTrue(!narrowed.viewableAs(new int[]{8}) && narrowed.viewableAs(new int[]{2, 2, 2}));
    }

    /**
     * A random shape with the same number of elements: the prime factors of the sizes, kept in
     * order (so a view is often possible) or shuffled (so often not), regrouped into dims, with
     * 1s sprinkled in.
     */
    private static int[] sameCount(int[] shape, Random rnd) {
        int n = IndexSpace.count(shape);
        List<Integer> factors = new ArrayList<>();
        if (n == 0) {
            for (int s : shape) {
                factors.add(s);
            }
        } else {
            for (int s : shape) {
                for (int p = 2; s > 1; p++) {
                    while (s % p == 0) {
                        factors.add(p);
                        s /= p;
                    }
                }
            }
        }
        if (rnd.nextBoolean()) {
            Collections.shuffle(factors, rnd);
        }
        List<Integer> dims = new ArrayList<>();
        for (int f : factors) {
            if (!dims.isEmpty() && rnd.nextBoolean() && n != 0) {
                dims.set(dims.size() - 1, dims.get(dims.size() - 1) * f);
            } else {
                dims.add(f);
            }
        }
        while (dims.size() < MAX_RANK && rnd.nextInt(3) == 0) {
            dims.add(rnd.nextInt(dims.size() + 1), 1);
        }
        while (dims.size() > MAX_RANK) {
            dims.set(1, dims.get(0) * dims.get(1));
            dims.remove(0);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sometimes asks for one size as -1, to be inferred; never where the answer is ambiguous. */
    private static int[] withMinusOne(int[] target, Random rnd) {
        int[] asked = target.clone();
        if (asked.length > 0 && IndexSpace.count(target) > 0 && rnd.nextInt(3) == 0) {
            asked[rnd.nextInt(asked.length)] = -1;
        }
        return asked;
    }

    private static int[] identity(int rank) {
        return IntStream.range(0, rank).toArray();
    }

    private static int[] remove(int[] a, int i) {
        int[] out = new int[a.length - 1];
        for (int d = 0, j = 0; d < a.length; d++) {
            if (d != i) {
                out[j++] = a[d];
            }
        }
        return out;
    }

    private static int[] insertOne(int[] a, int i) {
        int[] out = new int[a.length + 1];
        for (int d = 0, j = 0; d < out.length; d++) {
            out[d] = d == i ? 1 : a[j++];
        }
        return out;
    }

    private static double[] asDoubles(int[] values) {
        return Arrays.stream(values).asDoubleStream().toArray();
    }
}
