package dev.jgan.core.autograd;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reverse-mode engine: records nodes as ops run, and walks them back from an output.
 *
 * <p>{@link #backward} accumulates into the {@code .grad} of leaves (what {@code loss.backward()}
 * does). {@link #grad} returns the gradients of chosen tensors without touching any
 * {@code .grad} (torch.autograd.grad), which is what gradient penalties and gradgradcheck need.
 */
public final class Autograd {
    private Autograd() {
    }

    /**
     * Marks a leaf as wanting (or not) a gradient; fails naming {@code what} when {@code t} was
     * made by a recorded op, whose requiresGrad follows from its inputs.
     */
    public static void setRequiresGrad(Tensor t, String what, boolean value) {
        t.autograd().setRequiresGrad(what, value);
    }

    /**
     * Replaces {@code t}'s accumulated gradient, as assigning {@code t.grad} does in PyTorch; null
     * clears it. A gradient must have {@code t}'s shape, dtype and device, as backward() would
     * have made it.
     */
    public static void setGrad(Tensor t, Tensor grad) {
        if (grad != null && (!Arrays.equals(grad.shape(), t.shape()) || grad.dtype() != t.dtype()
                || !grad.device().equals(t.device()))) {
            throw new IllegalArgumentException("setGrad: a gradient of " + Shape.format(grad.shape()) + " " + grad.dtype()
                    + " on " + grad.device() + " does not fit a tensor of " + Shape.format(t.shape()) + " " + t.dtype()
                    + " on " + t.device());
        }
        t.autograd().setGrad(grad);
    }

    /**
     * Records that {@code output} was computed from {@code inputs} by {@code op}, if grad mode is
     * on and any input wants a gradient. Ops call this after computing their forward result.
     */
    public static Tensor record(Op op, Tensor output, BackwardFn backward, Tensor... inputs) {
        if (!GradMode.isEnabled()) {
            return output;
        }
        boolean any = false;
        for (Tensor input : inputs) {
            any |= input.requiresGrad();
        }
        if (any) {
            output.autograd().attach(new Node(op, List.of(inputs), output, backward));
        }
        return output;
    }

    /** Accumulates d(root)/d(leaf) into every leaf that requires a gradient. */
    public static void backward(Tensor root, Tensor gradRoot, boolean retainGraph, boolean createGraph) {
        if (!root.requiresGrad()) {
            throw new IllegalStateException("backward: the tensor of shape " + Shape.format(root.shape())
                    + " does not require grad and has no graph: no input that produced it had requiresGrad set");
        }
        Tensor seed = seedGradient("backward", root, gradRoot);
        execute(List.of(root), List.of(seed), retainGraph, createGraph, null);
    }

    /**
     * The gradients of {@code outputs} (weighted by {@code gradOutputs}; null entries mean ones
     * for scalars) with respect to {@code inputs}, returned in order. Leaves' {@code .grad} are
     * left alone. An input the outputs do not depend on yields null if {@code allowUnused},
     * otherwise an error.
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph, boolean allowUnused) {
        if (gradOutputs != null && gradOutputs.size() != outputs.size()) {
            throw new IllegalArgumentException("grad: " + outputs.size() + " outputs but " + gradOutputs.size()
                    + " output gradients");
        }
        List<Tensor> seeds = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            Tensor out = outputs.get(i);
            if (!out.requiresGrad()) {
                throw new IllegalStateException("grad: output " + i + " of shape " + Shape.format(out.shape())
                        + " does not require grad");
            }
            seeds.add(seedGradient("grad", out, gradOutputs == null ? null : gradOutputs.get(i)));
        }
        Capture capture = new Capture();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor in = inputs.get(i);
            if (!in.requiresGrad()) {
                throw new IllegalArgumentException("grad: input " + i + " of shape " + Shape.format(in.shape())
                        + " does not require grad");
            }
            capture.want(in);
        }
        execute(outputs, seeds, retainGraph, createGraph, capture);
        List<Tensor> result = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor g = capture.get(inputs.get(i));
            if (g == null && !allowUnused) {
                throw new IllegalStateException("grad: input " + i + " of shape " + Shape.format(inputs.get(i).shape())
                        + " was not used to compute the outputs; pass allowUnused = true to get null for it");
            }
            result.add(g);
        }
        return result;
    }

    private static Tensor seedGradient(String op, Tensor root, Tensor given) {
        if (given == null) {
            if (root.numel() != 1) {
                throw new IllegalArgumentException(op + ": the output has shape " + Shape.format(root.shape())
                        + ", not a single element; pass the gradient of the output explicitly, e.g. backward(grad)");
            }
            return Tensor.onesLike(root);
        }
        if (!Arrays.equals(given.shape(), root.shape())) {
            throw new IllegalArgumentException(op + ": the output gradient has shape " + Shape.format(given.shape())
                    + " but the output has shape " + Shape.format(root.shape()));
        }
        if (given.dtype() != root.dtype()) {
            throw new IllegalArgumentException(op + ": the output gradient is " + given.dtype()
                    + " but the output is " + root.dtype());
        }
        return given;
    }

    /**
     * Runs the nodes reachable from the roots in reverse topological order (Kahn's algorithm
     * on dependency counts), so each node runs once, after every consumer of its output has
     * sent its share of the gradient.
     */
    private static void execute(List<Tensor> roots, List<Tensor> seeds, boolean retainGraph, boolean createGraph,
                                Capture capture) {
        Map<Node, Integer> pendingConsumers = countConsumers(roots);
        Map<Node, Tensor> gradients = new IdentityHashMap<>();
        Deque<Node> ready = new ArrayDeque<>();
        try (GradMode.Scope scope = GradMode.set(createGraph)) {
            for (int i = 0; i < roots.size(); i++) {
                Tensor root = roots.get(i);
                Node node = root.gradFn();
                if (node == null) {
                    deliverToLeaf(root, seeds.get(i), createGraph, capture);
                } else {
                    gradients.merge(node, seeds.get(i), Tensor::add);
                }
            }
            for (Tensor root : roots) {
                Node node = root.gradFn();
                if (node != null && pendingConsumers.getOrDefault(node, 0) == 0 && !ready.contains(node)) {
                    ready.add(node);
                }
            }
            List<Node> visited = new ArrayList<>();
            while (!ready.isEmpty()) {
                Node node = ready.poll();
                visited.add(node);
                Tensor gradOut = gradients.remove(node);
                if (capture != null) {
                    capture.offerNode(node, gradOut);
                }
                Tensor[] gradIns = node.applyBackward(gradOut);
                List<Tensor> inputs = node.inputs();
                for (int i = 0; i < inputs.size(); i++) {
                    Tensor input = inputs.get(i);
                    Tensor g = gradIns[i];
                    if (g != null && input.requiresGrad()) {
                        checkGradientShape(node, i, input, g);
                        if (input.gradFn() == null) {
                            deliverToLeaf(input, g, createGraph, capture);
                        } else {
                            gradients.merge(input.gradFn(), g, Tensor::add);
                        }
                    }
                    Node producer = input.gradFn();
                    if (producer != null) {
                        int left = pendingConsumers.merge(producer, -1, Integer::sum);
                        if (left == 0) {
                            ready.add(producer);
                        }
                    }
                }
            }
            if (!retainGraph) {
                visited.forEach(Node::release);
            }
        }
    }

    /** For every node reachable from the roots: how many edges point into it. */
    private static Map<Node, Integer> countConsumers(List<Tensor> roots) {
        Map<Node, Integer> consumers = new IdentityHashMap<>();
        Map<Node, Boolean> seen = new IdentityHashMap<>();
        Deque<Node> stack = new ArrayDeque<>();
        for (Tensor root : roots) {
            Node node = root.gradFn();
            if (node != null && seen.put(node, Boolean.TRUE) == null) {
                stack.push(node);
            }
        }
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            for (Tensor input : node.inputs()) {
                Node producer = input.gradFn();
                if (producer != null) {
                    consumers.merge(producer, 1, Integer::sum);
                    if (seen.put(producer, Boolean.TRUE) == null) {
                        stack.push(producer);
                    }
                }
            }
        }
        return consumers;
    }

    private static void checkGradientShape(Node node, int index, Tensor input, Tensor g) {
        if (!Arrays.equals(g.shape(), input.shape())) {
            throw new IllegalStateException("backward of '" + node.op().displayName() + "' returned a gradient of shape "
                    + Shape.format(g.shape()) + " for input " + index + " of shape " + Shape.format(input.shape())
                    + " (a bug in that op's backward formula)");
        }
    }

    private static void deliverToLeaf(Tensor leaf, Tensor g, boolean createGraph, Capture capture) {
        if (capture != null) {
            capture.offerLeaf(leaf, g);
            return;
        }
        if (!leaf.requiresGrad()) {
            return;
        }
        AutogradMeta meta = leaf.autograd();
        // Leaves own their gradient: without create_graph it is a fresh contiguous tensor, so that
        // an optimizer may update it in place without touching another tensor. Only a first
        // contribution, which may be shared or a view, is copied; later ones are added into it in
        // place, as PyTorch's AccumulateGrad does. With create_graph the sum is a graph node.
        if (createGraph) {
            meta.setGrad(meta.grad() == null ? g : meta.grad().add(g));
        } else if (meta.grad() == null) {
            meta.setGrad(g.detach().contiguousCopy());
        } else {
            meta.grad().add_(g.detach());
        }
    }

    /** The tensors whose gradient autograd.grad returns: leaves by identity, others by their node. */
    private static final class Capture {
        private final Map<Tensor, Tensor> leaves = new IdentityHashMap<>();
        private final Map<Node, Tensor> nodes = new IdentityHashMap<>();

        void want(Tensor t) {
            if (t.gradFn() == null) {
                leaves.put(t, null);
            } else {
                nodes.put(t.gradFn(), null);
            }
        }

        void offerLeaf(Tensor leaf, Tensor g) {
            if (leaves.containsKey(leaf)) {
                Tensor sum = leaves.get(leaf);
                leaves.put(leaf, sum == null ? g : sum.add(g));
            }
        }

        void offerNode(Node node, Tensor g) {
            if (nodes.containsKey(node)) {
                nodes.put(node, g);
            }
        }

        Tensor get(Tensor t) {
            return t.gradFn() == null ? leaves.get(t) : nodes.get(t.gradFn());
        }
    }
}
