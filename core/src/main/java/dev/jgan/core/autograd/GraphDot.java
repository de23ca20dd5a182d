package dev.jgan.core.autograd;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Writes the graph behind a tensor in Graphviz DOT, as micrograd's draw_dot does: one box per
 * recorded op (name and output shape), one ellipse per leaf (shape, and whether it wants a
 * gradient), edges in the direction data flowed. Render with {@code dot -Tpng graph.dot}.
 */
public final class GraphDot {
    private GraphDot() {
    }

    public static String toDot(Tensor root) {
        StringBuilder dot = new StringBuilder("digraph autograd {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        Map<Object, String> ids = new IdentityHashMap<>();
        Deque<Node> stack = new ArrayDeque<>();
        if (root.gradFn() == null) {
            declareLeaf(dot, ids, root);
        } else {
            declareNode(dot, ids, root.gradFn());
            stack.push(root.gradFn());
        }
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            for (Tensor input : node.inputs()) {
                Node producer = input.gradFn();
                String from;
                if (producer == null) {
                    from = ids.containsKey(input) ? ids.get(input) : declareLeaf(dot, ids, input);
                } else if (ids.containsKey(producer)) {
                    from = ids.get(producer);
                } else {
                    from = declareNode(dot, ids, producer);
                    stack.push(producer);
                }
                dot.append("  ").append(from).append(" -> ").append(ids.get(node)).append(";\n");
            }
        }
        return dot.append("}\n").toString();
    }

    private static String declareNode(StringBuilder dot, Map<Object, String> ids, Node node) {
        String id = "n" + ids.size();
        ids.put(node, id);
        dot.append("  ").append(id).append(" [shape=box, label=\"").append(node.op().displayName())
                .append("\\n").append(Shape.format(node.outputShape())).append("\"];\n");
        return id;
    }

    private static String declareLeaf(StringBuilder dot, Map<Object, String> ids, Tensor leaf) {
        String id = "n" + ids.size();
        ids.put(leaf, id);
        dot.append("  ").append(id).append(" [shape=ellipse, label=\"").append(Shape.format(leaf.shape()))
                .append(leaf.requiresGrad() ? "\\nrequires_grad" : "\\nconstant").append("\"];\n");
        return id;
    }
}
