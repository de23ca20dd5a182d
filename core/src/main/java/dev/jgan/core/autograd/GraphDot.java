package dev.jgan.core.autograd;

import dev.jgan.core.Tensor;

/**
 * Writes the graph behind a tensor in Graphviz DOT, as micrograd's draw_dot does: one box per
 * recorded op (name and output shape), one ellipse per leaf (shape, and whether it wants a
 * gradient), edges in the direction data flowed. Render with {@code dot -Tpng graph.dot}.
 */
public final class GraphDot {
    private GraphDot() {
    }

    public static String toDot(Tensor root) {
        return toDot(RecordedGraph.of(root));
    }

    /** Each vertex is declared just before the first edge that leaves it, so the text reads in the walk's order. */
    public static String toDot(RecordedGraph graph) {
        StringBuilder dot = new StringBuilder("digraph autograd {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        boolean[] declared = new boolean[graph.vertices().size()];
        declare(dot, graph, 0, declared);
        for (RecordedGraph.Edge e : graph.edges()) {
            declare(dot, graph, e.from(), declared);
            dot.append("  n").append(e.from()).append(" -> n").append(e.to()).append(";\n");
        }
        return dot.append("}\n").toString();
    }

    private static void declare(StringBuilder dot, RecordedGraph graph, int id, boolean[] declared) {
        if (declared[id]) {
            return;
        }
        declared[id] = true;
        RecordedGraph.Vertex v = graph.vertices().get(id);
        dot.append("  n").append(id).append(" [shape=").append(v.isOp() ? "box" : "ellipse").append(", label=\"")
                .append(String.join("\\n", v.label())).append("\"];\n");
    }
}
