package dev.jgan.tutorials.tensors;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * Chapter 1's program: tensors as views onto storage, strides, views that share memory,
 * contiguous copies, broadcasting, reductions and seeded random numbers. Every output the
 * chapter text quotes is printed here, in the same order.
 */
public final class TensorsChapter {
    private TensorsChapter() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        out.println("== a tensor is a view: storage, shape, strides, offset");
        Tensor a = Tensor.arange(6).reshape(2, 3);
        out.println(a);
        describe(out, "a", a);
        // Element (i, j) sits at storage position offset + i * strides[0] + j * strides[1].
        out.println("a.get(1, 2) = " + a.get(1, 2));

        out.println("== transpose swaps strides, copies nothing");
        Tensor at = a.t();
        out.println(at);
        describe(out, "a.t()", at);
        out.println("shares a's storage: " + (at.storage() == a.storage()));

        out.println("== narrow moves the offset");
        Tensor cols = a.narrow(1, 1, 2);
        out.println(cols);
        describe(out, "a.narrow(1, 1, 2)", cols);

        out.println("== writing through a view writes the base");
        Tensor m = Tensor.zeros(2, 3);
        m.narrow(1, 1, 1).fill_(5.0);
        out.println(m);

        out.println("== contiguous, view and reshape");
        Tensor c = at.contiguous();
        describe(out, "a.t().contiguous()", c);
        out.println("shares a's storage: " + (c.storage() == a.storage()));
        try {
            at.view(6);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
        }
        out.println(at.reshape(6));
        describe(out, "a.view(3, 2)", a.view(3, 2));

        out.println("== broadcasting");
        Tensor col = Tensor.arange(3).reshape(3, 1);
        Tensor row = Tensor.arange(4).mul(10.0);
        out.println(col.add(row));
        describe(out, "row.expand(3, 4)", row.expand(3, 4));
        try {
            Tensor.arange(3).add(Tensor.arange(4));
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
        }

        out.println("== reductions and keepDim");
        out.println(a.sum(0));
        out.println(a.sum(new int[]{1}, true));
        out.println(a.sub(a.mean(new int[]{1}, true)));

        out.println("== seeded random numbers");
        Tensor r1 = Tensor.randn(new Generator(42), 2, 3);
        Tensor r2 = Tensor.randn(new Generator(42), 2, 3);
        out.println(r1);
        out.println("same seed, same numbers: " + r1.allClose(r2, 0.0, 0.0));
        Generator gen = new Generator(42);
        Tensor.randn(gen, 3);
        out.println(gen);
        out.println(Tensor.randn(gen, 3));
    }

    /** One line with everything that decides how a tensor reads its storage. */
    private static void describe(PrintStream out, String name, Tensor t) {
        out.println(name + ": shape " + Arrays.toString(t.shape()) + ", strides " + Arrays.toString(t.strides())
                + ", offset " + t.offset() + ", contiguous " + t.isContiguous());
    }
}
