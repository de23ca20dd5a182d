#!/usr/bin/python3
"""Writes the PyTorch parity fixtures for jgan's core ops.

Run from anywhere with Debian's torch (1.13):

    /usr/bin/python3 pytorch/make_core_fixtures.py

For every case it builds the inputs from a fixed seed, runs the op in PyTorch, backpropagates
a stored upstream gradient and writes inputs, output, upstream gradient and input gradients to
core/src/test/resources/pytorch/<group>.json. The Java test
dev.jgan.core.parity.CorePytorchParityTest runs jgan's op on the same inputs and compares, so
the build and CI never need Python. The op names below are the contract between the two: the
Java test maps each name to the jgan call with the same meaning.

Where jgan deliberately differs from a PyTorch function, the case uses the PyTorch function
that has jgan's meaning (jgan's max over dims shares the gradient among ties, which is
torch.amax, not torch.max), or leaves out the input whose gradient differs (see the BCE cases).
"""

import json
import os

import numpy as np
import torch
import torch.nn.functional as F

SEED = 20240611
OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                       "core", "src", "test", "resources", "pytorch")
DTYPES = {"float32": torch.float32, "float64": torch.float64}


def all_dims(x, dims):
    """jgan reads an empty dim list as "every dim"; PyTorch needs them spelled out."""
    return tuple(dims) if dims else tuple(range(x.dim()))


# Op name -> PyTorch computation. Positional arguments are the fixture's inputs in order,
# keyword arguments its "args".
OPS = {
    "add": lambda a, b: a + b,
    "add_scalar": lambda x, value: x + value,
    "sub": lambda a, b: a - b,
    "sub_scalar": lambda x, value: x - value,
    "mul": lambda a, b: a * b,
    "mul_scalar": lambda x, value: x * value,
    # The same leaf on both sides: its gradient arrives along two edges and must be summed.
    "mul_self": lambda x: x * x,
    "div": lambda a, b: a / b,
    "div_scalar": lambda x, value: x / value,
    "pow_scalar": lambda x, exponent: torch.pow(x, exponent),
    "pow": lambda a, b: torch.pow(a, b),
    "neg": torch.neg,
    "exp": torch.exp,
    "log": torch.log,
    "sqrt": torch.sqrt,
    "abs": torch.abs,
    "tanh": torch.tanh,
    "sigmoid": torch.sigmoid,
    "relu": torch.relu,
    "leaky_relu": lambda x, negative_slope: F.leaky_relu(x, negative_slope),
    "clamp": lambda x, min, max: torch.clamp(x, min=min, max=max),
    "maximum": torch.maximum,
    "minimum": torch.minimum,
    # jgan has no bool dtype: the condition is a 0/1 mask of the working dtype.
    "where": lambda cond, a, b: torch.where(cond != 0, a, b),
    "sum": lambda x, dims, keepdim: torch.sum(x, all_dims(x, dims), keepdim=keepdim),
    "mean": lambda x, dims, keepdim: torch.mean(x, all_dims(x, dims), keepdim=keepdim),
    "amax": lambda x, dims, keepdim: torch.amax(x, all_dims(x, dims), keepdim=keepdim),
    "amin": lambda x, dims, keepdim: torch.amin(x, all_dims(x, dims), keepdim=keepdim),
    "var": lambda x, dims, correction, keepdim: torch.var(x, all_dims(x, dims), correction=correction,
                                                          keepdim=keepdim),
    "matmul": torch.matmul,
    "softmax": lambda x, dim: torch.softmax(x, dim),
    "log_softmax": lambda x, dim: torch.log_softmax(x, dim),
    "cat": lambda *xs, dim: torch.cat(xs, dim),
    "stack": lambda *xs, dim: torch.stack(xs, dim),
    "binary_cross_entropy": lambda p, t, reduction: F.binary_cross_entropy(p, t, reduction=reduction),
    "binary_cross_entropy_with_logits": lambda x, t, reduction: F.binary_cross_entropy_with_logits(
        x, t, reduction=reduction),
    "mse_loss": lambda a, b, reduction: F.mse_loss(a, b, reduction=reduction),
}


class Fixtures:
    """Collects cases by group; every random number comes from one seeded generator."""

    def __init__(self):
        self.gen = torch.Generator().manual_seed(SEED)
        self.groups = {}
        self.names = set()

    # ---- inputs: float64 values rounded to 4 decimals, so they stay short in the JSON ----

    def randn(self, *shape, scale=1.0):
        return round4(torch.randn(shape, generator=self.gen, dtype=torch.float64) * scale)

    def uniform(self, low, high, *shape):
        return round4(low + (high - low) * torch.rand(shape, generator=self.gen, dtype=torch.float64))

    def choice(self, values, *shape):
        """Elements drawn from a few values, so that ties are certain."""
        pool = torch.tensor(values, dtype=torch.float64)
        return pool[torch.randint(len(values), shape, generator=self.gen)]

    def case(self, group, name, op, inputs, dtype="float64", no_grad=(), note=None, **args):
        """inputs: (name, float64 tensor or nested list) pairs; no_grad: names that get no gradient."""
        if name in self.names:
            raise ValueError(f"duplicate case name {name}")
        self.names.add(name)
        torch_dtype = DTYPES[dtype]
        leaves = []
        for input_name, value in inputs:
            t = torch.as_tensor(value, dtype=torch.float64).to(torch_dtype)
            leaves.append(t.clone().requires_grad_(input_name not in no_grad))
        out = OPS[op](*leaves, **args)
        grad_output = self.randn(*out.shape).to(torch_dtype)
        out.backward(grad_output)
        record = {"name": name, "op": op, "dtype": dtype, "args": args}
        if note:
            record["note"] = note
        record["inputs"] = [
            {"name": n, "value": tensor_json(t), "grad": None if t.grad is None else tensor_json(t.grad)}
            for (n, _), t in zip(inputs, leaves)]
        record["output"] = tensor_json(out)
        record["grad_output"] = tensor_json(grad_output)
        self.groups.setdefault(group, []).append(record)

    def write(self):
        os.makedirs(OUT_DIR, exist_ok=True)
        for group, cases in self.groups.items():
            path = os.path.normpath(os.path.join(OUT_DIR, group + ".json"))
            header = {"generator": "pytorch/make_core_fixtures.py", "torch_version": torch.__version__,
                      "seed": SEED, "group": group}
            # One case per line: compact, and a regenerated file diffs case by case.
            lines = [json.dumps(c, separators=(",", ":"), allow_nan=False) for c in cases]
            head = json.dumps(header, separators=(",", ":"))[:-1]
            with open(path, "w") as f:
                f.write(head + ',"cases":[\n' + ",\n".join(lines) + "\n]}\n")
            print(f"{path}: {len(cases)} cases, {os.path.getsize(path)} bytes")


def round4(t):
    return torch.round(t * 1e4) / 1e4


def tensor_json(t):
    """Shape and row-major values. float32 values are written in their shortest float32 form,
    checked to come back exactly when read as a double and narrowed to float (what Java does)."""
    t = t.detach()
    flat = t.reshape(-1)
    if t.dtype == torch.float32:
        values = []
        for v in flat.numpy():
            text = repr(float(str(v)))
            if np.float32(float(text)) != v:
                text = repr(float(v))
            values.append(float(text))
    else:
        values = flat.tolist()
    if not all(np.isfinite(values)):
        raise ValueError(f"non-finite value in {t}: JSON cannot hold it")
    return {"shape": list(t.shape), "values": values}


def elementwise(fx):
    g = "elementwise"
    fx.case(g, "add_rows_plus_cols", "add", [("a", fx.randn(3, 1)), ("b", fx.randn(1, 4))])
    fx.case(g, "add_broadcast_leading_dims", "add", [("a", fx.randn(2, 3, 4)), ("b", fx.randn(4))])
    fx.case(g, "add_zero_dim_operand", "add", [("a", fx.randn(3, 4)), ("b", fx.randn())])
    fx.case(g, "add_broadcast_float32", "add", [("a", fx.randn(2, 3, 4)), ("b", fx.randn(3, 1))],
            dtype="float32")
    fx.case(g, "add_scalar", "add_scalar", [("x", fx.randn(2, 3))], value=2.5)
    fx.case(g, "sub_smaller_minus_larger", "sub", [("a", fx.randn(4)), ("b", fx.randn(2, 3, 4))])
    fx.case(g, "sub_scalar", "sub_scalar", [("x", fx.randn(2, 3))], value=-1.25)
    fx.case(g, "mul_broadcast_both", "mul", [("a", fx.randn(2, 1, 4)), ("b", fx.randn(3, 1))])
    fx.case(g, "mul_broadcast_float32", "mul", [("a", fx.randn(3, 4)), ("b", fx.randn(4))], dtype="float32")
    fx.case(g, "mul_scalar", "mul_scalar", [("x", fx.randn(2, 3))], value=-3.0)
    fx.case(g, "mul_self", "mul_self", [("x", fx.randn(3, 4))])
    away_from_zero = fx.uniform(0.5, 2.0, 4) * torch.tensor([1.0, -1.0, 1.0, -1.0])
    fx.case(g, "div_broadcast", "div", [("a", fx.randn(3, 4)), ("b", away_from_zero)])
    fx.case(g, "div_broadcast_float32", "div", [("a", fx.randn(3, 4)), ("b", away_from_zero)], dtype="float32")
    fx.case(g, "div_scalar", "div_scalar", [("x", fx.randn(2, 3))], value=4.0)

    fx.case(g, "pow_scalar_square_with_zero", "pow_scalar",
            [("x", [[0.0, -1.5, 2.0], [0.25, -0.75, 3.0]])], exponent=2.0)
    fx.case(g, "pow_scalar_cube_negative_base", "pow_scalar", [("x", fx.randn(3, 4))], exponent=3.0)
    fx.case(g, "pow_scalar_sqrt", "pow_scalar", [("x", fx.uniform(0.1, 4.0, 3, 4))], exponent=0.5)
    fx.case(g, "pow_scalar_reciprocal", "pow_scalar", [("x", fx.uniform(0.5, 2.0, 3, 4))], exponent=-1.0)
    fx.case(g, "pow_scalar_zero_exponent_at_zero", "pow_scalar", [("x", [0.0, 1.5, -2.0, 0.0])], exponent=0.0,
            note="x^0 is constant 1: its gradient is 0 even at x = 0")
    fx.case(g, "pow_tensor_broadcast", "pow", [("a", fx.uniform(0.2, 3.0, 3, 4)), ("b", fx.uniform(-2.0, 3.0, 4))])
    fx.case(g, "pow_tensor_zero_base", "pow",
            [("a", [0.0, 0.0, 0.0, 2.0, 0.5]), ("b", [0.0, 2.0, 3.0, 0.0, 1.0])],
            note="PyTorch defines both gradients at a = 0 (with b >= 0) as 0, and the base gradient 0 where b = 0")
    fx.case(g, "pow_tensor_float32", "pow", [("a", fx.uniform(0.2, 3.0, 3, 4)), ("b", fx.uniform(-2.0, 3.0, 3, 4))],
            dtype="float32")

    fx.case(g, "neg", "neg", [("x", fx.randn(3, 4))])
    fx.case(g, "exp", "exp", [("x", fx.uniform(-3.0, 3.0, 3, 4))])
    fx.case(g, "exp_float32", "exp", [("x", fx.uniform(-3.0, 3.0, 3, 4))], dtype="float32")
    fx.case(g, "log", "log", [("x", fx.uniform(0.05, 5.0, 3, 4))])
    fx.case(g, "log_float32", "log", [("x", fx.uniform(0.05, 5.0, 3, 4))], dtype="float32")
    fx.case(g, "sqrt", "sqrt", [("x", fx.uniform(0.05, 5.0, 3, 4))])
    fx.case(g, "abs_with_zeros", "abs", [("x", [[0.0, -1.5, 2.25], [-0.0, 0.5, -3.0]])],
            note="the gradient of |x| at 0 is 0")
    saturating = [[-20.0, -5.0, -0.5, 0.0], [0.5, 5.0, 20.0, 1.0]]
    fx.case(g, "tanh", "tanh", [("x", fx.randn(3, 4, scale=2.0))])
    fx.case(g, "tanh_saturating", "tanh", [("x", saturating)])
    fx.case(g, "tanh_float32", "tanh", [("x", fx.randn(3, 4, scale=2.0))], dtype="float32")
    fx.case(g, "sigmoid", "sigmoid", [("x", fx.randn(3, 4, scale=2.0))])
    fx.case(g, "sigmoid_large_magnitude", "sigmoid", [("x", [[-50.0, -20.0, -1.0, 0.0], [1.0, 20.0, 50.0, 2.0]])])
    fx.case(g, "sigmoid_float32", "sigmoid", [("x", fx.randn(3, 4, scale=2.0))], dtype="float32")
    with_zeros = [[-1.5, 0.0, 2.0, -0.25], [0.75, -3.0, 0.0, 1.0]]
    fx.case(g, "relu_with_zeros", "relu", [("x", with_zeros)], note="the gradient at exactly 0 is 0")
    fx.case(g, "relu_float32", "relu", [("x", fx.randn(3, 4))], dtype="float32")
    fx.case(g, "leaky_relu_with_zeros", "leaky_relu", [("x", with_zeros)], negative_slope=0.2,
            note="at exactly 0 the gradient is the slope")
    fx.case(g, "leaky_relu_small_slope", "leaky_relu", [("x", fx.randn(3, 4))], negative_slope=0.01)
    on_bounds = [[-0.5, 0.5, -1.0, 1.0], [0.2, -0.3, 0.5, -0.5]]
    fx.case(g, "clamp_with_values_on_bounds", "clamp", [("x", on_bounds)], min=-0.5, max=0.5,
            note="the gradient passes where min <= x <= max, bounds included")
    fx.case(g, "clamp_min_only", "clamp", [("x", on_bounds)], min=-0.5, max=None)
    fx.case(g, "clamp_max_only", "clamp", [("x", on_bounds)], min=None, max=0.5)
    fx.case(g, "clamp_float32", "clamp", [("x", fx.randn(3, 4))], dtype="float32", min=-0.5, max=0.75)
    tie_a, tie_b = fx.choice([-1.0, 0.0, 1.0], 3, 4), fx.choice([-1.0, 0.0, 1.0], 4)
    ties_note = "ties split the gradient evenly between a and b"
    fx.case(g, "maximum_ties_broadcast", "maximum", [("a", tie_a), ("b", tie_b)], note=ties_note)
    fx.case(g, "maximum_float32", "maximum", [("a", fx.randn(3, 4)), ("b", fx.randn(3, 4))], dtype="float32")
    fx.case(g, "minimum_ties_broadcast", "minimum", [("a", tie_a), ("b", tie_b)], note=ties_note)
    fx.case(g, "minimum_float32", "minimum", [("a", fx.randn(3, 4)), ("b", fx.randn(3, 4))], dtype="float32")
    fx.case(g, "where_broadcast", "where",
            [("cond", [[1.0], [0.0], [1.0]]), ("a", fx.randn(1, 4)), ("b", fx.randn(3, 4))], no_grad=("cond",))
    fx.case(g, "where_zero_dim_branch", "where",
            [("cond", fx.choice([0.0, 1.0], 2, 3)), ("a", fx.randn(2, 3)), ("b", fx.randn())], no_grad=("cond",))
    fx.case(g, "where_float32", "where",
            [("cond", fx.choice([0.0, 1.0], 3, 4)), ("a", fx.randn(3, 4)), ("b", fx.randn(4))],
            dtype="float32", no_grad=("cond",))


def reductions(fx):
    g = "reductions"
    for op in ("sum", "mean"):
        fx.case(g, f"{op}_all", op, [("x", fx.randn(3, 4))], dims=[], keepdim=False)
        fx.case(g, f"{op}_all_keepdim", op, [("x", fx.randn(3, 4))], dims=[], keepdim=True)
        fx.case(g, f"{op}_dim0", op, [("x", fx.randn(3, 4))], dims=[0], keepdim=False)
        fx.case(g, f"{op}_dims_0_2_keepdim", op, [("x", fx.randn(2, 3, 4))], dims=[0, 2], keepdim=True)
        fx.case(g, f"{op}_last_dim_negative", op, [("x", fx.randn(2, 3, 4))], dims=[-1], keepdim=False)
        fx.case(g, f"{op}_float32", op, [("x", fx.randn(2, 3, 4))], dtype="float32", dims=[1], keepdim=True)
    ties_note = "torch.amax/amin, not max/min: the gradient is shared evenly among tied extremes, as in jgan"
    for op in ("amax", "amin"):
        fx.case(g, f"{op}_dim1_ties", op, [("x", fx.choice([-1.0, 0.0, 1.0, 2.0], 3, 5))], dims=[1], keepdim=False,
                note=ties_note)
        fx.case(g, f"{op}_all_ties", op, [("x", fx.choice([-1.0, 0.0, 1.0], 3, 4))], dims=[], keepdim=False,
                note=ties_note)
        fx.case(g, f"{op}_dims_0_2_keepdim_ties", op, [("x", fx.choice([0.0, 0.5, 1.0], 2, 3, 4))], dims=[0, 2],
                keepdim=True, note=ties_note)
        fx.case(g, f"{op}_distinct", op, [("x", fx.randn(3, 4))], dims=[0], keepdim=True)
        fx.case(g, f"{op}_float32", op, [("x", fx.randn(2, 3, 4))], dtype="float32", dims=[-1], keepdim=False)
    fx.case(g, "var_dim1_unbiased", "var", [("x", fx.randn(3, 5))], dims=[1], correction=1, keepdim=False)
    fx.case(g, "var_dims_0_2_population_keepdim", "var", [("x", fx.randn(2, 3, 4))], dims=[0, 2], correction=0,
            keepdim=True)
    fx.case(g, "var_all_unbiased", "var", [("x", fx.randn(3, 4))], dims=[], correction=1, keepdim=False)
    fx.case(g, "var_all_keepdim", "var", [("x", fx.randn(3, 4))], dims=[], correction=0, keepdim=True)
    fx.case(g, "var_float32", "var", [("x", fx.randn(4, 6))], dtype="float32", dims=[0], correction=1,
            keepdim=False)


def matmul(fx):
    g = "matmul"
    fx.case(g, "matmul_2d", "matmul", [("a", fx.randn(3, 4)), ("b", fx.randn(4, 5))])
    fx.case(g, "matmul_batched", "matmul", [("a", fx.randn(2, 3, 4)), ("b", fx.randn(2, 4, 5))])
    fx.case(g, "matmul_broadcast_batch_dims", "matmul", [("a", fx.randn(2, 1, 3, 4)), ("b", fx.randn(3, 4, 2))])
    fx.case(g, "matmul_batched_times_2d", "matmul", [("a", fx.randn(2, 3, 4)), ("b", fx.randn(4, 5))])
    fx.case(g, "matmul_2d_times_batched", "matmul", [("a", fx.randn(3, 4)), ("b", fx.randn(2, 4, 2))])
    fx.case(g, "matmul_vector_matrix", "matmul", [("a", fx.randn(4)), ("b", fx.randn(4, 3))])
    fx.case(g, "matmul_matrix_vector", "matmul", [("a", fx.randn(3, 4)), ("b", fx.randn(4))])
    fx.case(g, "matmul_vector_vector", "matmul", [("a", fx.randn(5)), ("b", fx.randn(5))])
    fx.case(g, "matmul_2d_float32", "matmul", [("a", fx.randn(5, 7)), ("b", fx.randn(7, 3))], dtype="float32")
    fx.case(g, "matmul_broadcast_batch_dims_float32", "matmul", [("a", fx.randn(2, 1, 3, 4)), ("b", fx.randn(3, 4, 2))],
            dtype="float32")


def softmax(fx):
    g = "softmax"
    large = [[1000.0, 1001.0, 999.0, 1000.5],
             [-1000.0, -999.0, -1001.0, -1000.0],
             [1000.0, 0.0, -1000.0, 1.0]]
    large_note = "logits near +-1000 overflow exp unless the maximum is subtracted first"
    for op in ("softmax", "log_softmax"):
        fx.case(g, f"{op}_last_dim", op, [("x", fx.randn(3, 5))], dim=-1)
        fx.case(g, f"{op}_dim0", op, [("x", fx.randn(4, 3))], dim=0)
        fx.case(g, f"{op}_middle_dim_3d", op, [("x", fx.randn(2, 3, 4))], dim=1)
        fx.case(g, f"{op}_large_logits", op, [("x", large)], dim=1, note=large_note)
        fx.case(g, f"{op}_float32", op, [("x", fx.randn(3, 5, scale=3.0))], dtype="float32", dim=-1)
        fx.case(g, f"{op}_large_logits_float32", op, [("x", large)], dtype="float32", dim=1, note=large_note)


def joins(fx):
    g = "joins"
    fx.case(g, "cat_dim0", "cat", [("a", fx.randn(2, 3)), ("b", fx.randn(4, 3))], dim=0)
    fx.case(g, "cat_dim1_three", "cat", [("a", fx.randn(2, 1)), ("b", fx.randn(2, 3)), ("c", fx.randn(2, 2))], dim=1)
    fx.case(g, "cat_negative_dim_3d", "cat", [("a", fx.randn(2, 3, 2)), ("b", fx.randn(2, 3, 1))], dim=-1)
    fx.case(g, "cat_float32", "cat", [("a", fx.randn(1, 4)), ("b", fx.randn(2, 4))], dtype="float32", dim=0)
    fx.case(g, "stack_dim0", "stack", [("a", fx.randn(2, 3)), ("b", fx.randn(2, 3)), ("c", fx.randn(2, 3))], dim=0)
    fx.case(g, "stack_dim1", "stack", [("a", fx.randn(2, 3)), ("b", fx.randn(2, 3))], dim=1)
    fx.case(g, "stack_last_dim_negative", "stack", [("a", fx.randn(2, 3)), ("b", fx.randn(2, 3))], dim=-1)
    fx.case(g, "stack_float32", "stack", [("a", fx.randn(3)), ("b", fx.randn(3))], dtype="float32", dim=0)


def losses(fx):
    g = "losses"
    reductions_ = ("mean", "sum", "none")
    for r in reductions_:
        fx.case(g, f"bce_{r}", "binary_cross_entropy",
                [("p", fx.uniform(0.05, 0.95, 4, 3)), ("t", fx.uniform(0.0, 1.0, 4, 3))], reduction=r)
    edges = [[0.0, 1.0, 0.0, 1.0], [0.0, 1.0, 0.5, 1e-13]]
    edge_targets = [[1.0, 0.0, 0.0, 1.0], [0.3, 0.7, 1.0, 1.0]]
    edges_note = ("p exactly 0 or 1: PyTorch clamps each log at -100 and floors p(1 - p) at 1e-12 in the gradient. "
                  "t gets no gradient here: PyTorch's target gradient log(1 - p) - log(p) is infinite at p = 0 or 1, "
                  "jgan deliberately uses the same clamped logs as the forward")
    for r in ("mean", "none"):
        fx.case(g, f"bce_probabilities_0_and_1_{r}", "binary_cross_entropy", [("p", edges), ("t", edge_targets)],
                no_grad=("t",), note=edges_note, reduction=r)
    fx.case(g, "bce_float32", "binary_cross_entropy",
            [("p", fx.uniform(0.05, 0.95, 4, 3)), ("t", fx.choice([0.0, 1.0], 4, 3))], dtype="float32",
            reduction="mean")
    fx.case(g, "bce_probabilities_0_and_1_float32", "binary_cross_entropy", [("p", edges), ("t", edge_targets)],
            dtype="float32", no_grad=("t",), note=edges_note, reduction="none")

    for r in reductions_:
        fx.case(g, f"bce_with_logits_{r}", "binary_cross_entropy_with_logits",
                [("x", fx.randn(4, 3, scale=3.0)), ("t", fx.uniform(0.0, 1.0, 4, 3))], reduction=r)
    extreme = [[100.0, -100.0, 100.0, -100.0], [30.0, -30.0, 0.0, 40.0]]
    extreme_targets = [[1.0, 0.0, 0.0, 1.0], [0.5, 0.5, 0.25, 0.0]]
    extreme_note = "logits of +-100 overflow exp(-x) unless the loss is computed as max(x,0) - x t + log(1 + e^-|x|)"
    for r in ("mean", "none"):
        fx.case(g, f"bce_with_logits_extreme_{r}", "binary_cross_entropy_with_logits",
                [("x", extreme), ("t", extreme_targets)], note=extreme_note, reduction=r)
    fx.case(g, "bce_with_logits_float32", "binary_cross_entropy_with_logits",
            [("x", fx.randn(4, 3, scale=3.0)), ("t", fx.choice([0.0, 1.0], 4, 3))], dtype="float32", reduction="mean")
    fx.case(g, "bce_with_logits_extreme_float32", "binary_cross_entropy_with_logits",
            [("x", extreme), ("t", extreme_targets)], dtype="float32", note=extreme_note, reduction="none")

    for r in reductions_:
        fx.case(g, f"mse_{r}", "mse_loss", [("a", fx.randn(4, 3)), ("b", fx.randn(4, 3))], reduction=r)
    fx.case(g, "mse_float32", "mse_loss", [("a", fx.randn(4, 3)), ("b", fx.randn(4, 3))], dtype="float32",
            reduction="mean")


def main():
    torch.use_deterministic_algorithms(True)
    torch.set_num_threads(1)
    fx = Fixtures()
    elementwise(fx)
    reductions(fx)
    matmul(fx)
    softmax(fx)
    joins(fx)
    losses(fx)
    fx.write()


if __name__ == "__main__":
    main()
