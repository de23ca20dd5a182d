package dev.jgan.core.ops;

import dev.jgan.core.Tensor;
import dev.jgan.core.autograd.Node;
import dev.jgan.core.autograd.Op;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Set;

/** The kinds of node in a recorded graph: what a gradient check of that graph has exercised. */
final class GraphOps {
    private GraphOps() {
    }

    /** Every {@link Op} reachable from {@code output} through {@code gradFn().inputs()}. */
    static Set<Op> of(Tensor output) {
        Set<Op> ops = EnumSet.noneOf(Op.class);
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> pending = new ArrayDeque<>();
        if (output.gradFn() != null) {
            pending.push(output.gradFn());
        }
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            ops.add(node.op());
            for (Tensor input : node.inputs()) {
                if (input.gradFn() != null) {
                    pending.push(input.gradFn());
                }
            }
        }
        return ops;
    }
}
