package dev.jgan.core.autograd;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph behind a tensor as plain vertices and edges, for writing it out ({@link GraphDot})
 * or drawing it: one vertex per recorded op (its name and output shape) and one per leaf (its
 * shape, and whether it wants a gradient), edges in the direction data flowed. Vertex 0 is the
 * tensor itself; the others are numbered in the order a depth-first walk from it meets them,
 * and the edges are listed in that walk's order.
 */
public record RecordedGraph(List<Vertex> vertices, List<Edge> edges) {

    /** An op (drawn as a box) or a leaf (an ellipse); {@code label} is one or more lines. */
    public record Vertex(boolean isOp, List<String> label) {
    }

    /** Data flowed from vertex {@code from} into vertex {@code to}. */
    public record Edge(int from, int to) {
    }

    public RecordedGraph {
        vertices = List.copyOf(vertices);
        edges = List.copyOf(edges);
    }

    public static RecordedGraph of(Tensor root) {
        List<Vertex> vertices = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        Map<Object, Integer> ids = new IdentityHashMap<>();
        Deque<Node> stack = new ArrayDeque<>();
        if (root.gradFn() == null) {
            add(vertices, ids, root, leaf(root));
        } else {
            add(vertices, ids, root.gradFn(), op(root.gradFn()));
            stack.push(root.gradFn());
        }
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            for (Tensor input : node.inputs()) {
                Node producer = input.gradFn();
                Object key = producer == null ? input : producer;
                Integer from = ids.get(key);
                if (from == null) {
                    from = add(vertices, ids, key, producer == null ? leaf(input) : op(producer));
                    if (producer != null) {
                        stack.push(producer);
                    }
                }
                edges.add(new Edge(from, ids.get(node)));
            }
        }
        return new RecordedGraph(vertices, edges);
    }

    private static int add(List<Vertex> vertices, Map<Object, Integer> ids, Object key, Vertex vertex) {
        ids.put(key, vertices.size());
        vertices.add(vertex);
        return vertices.size() - 1;
    }

    private static Vertex op(Node node) {
        return new Vertex(true, List.of(node.op().displayName(), Shape.format(node.outputShape())));
    }

    private static Vertex leaf(Tensor leaf) {
        return new Vertex(false, List.of(Shape.format(leaf.shape()), leaf.requiresGrad() ? "requires_grad" : "constant"));
    }
}
