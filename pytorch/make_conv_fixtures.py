#!/usr/bin/python3
"""Writes the PyTorch reference values for jgan's convolution, pooling and batch-norm ops.

Run from the repository root with Debian's PyTorch (not a pyenv python without torch):

    /usr/bin/python3 pytorch/make_conv_fixtures.py

It writes core/src/test/resources/pytorch/conv/{conv2d,conv_transpose2d,pool,batch_norm}.json.
Every tensor is float64 and stored as {"shape": [...], "data": [row-major values]}. Each case
holds its inputs, its parameters, the forward output, an upstream gradient "grad_out" and the
gradients PyTorch computes from it, so the Java tests redo the same computation and compare.
"""
import json
import os

import torch
import torch.nn.functional as F

OUT_DIR = os.path.join("core", "src", "test", "resources", "pytorch", "conv")
torch.manual_seed(20240611)
torch.set_default_dtype(torch.float64)


def tensor(t):
    t = t.detach().to(torch.float64).contiguous()
    return {"shape": list(t.shape), "data": t.reshape(-1).tolist()}


def leaf(*shape):
    return torch.randn(*shape).requires_grad_(True)


def backward(out, *inputs):
    """Backpropagates a random upstream gradient; returns it and the gradients of the inputs."""
    grad_out = torch.randn_like(out)
    grads = torch.autograd.grad(out, [i for i in inputs if i is not None], grad_out)
    return grad_out, grads


def conv2d_case(name, n, c, h, w, oc, k, stride, padding, dilation, groups, bias):
    x = leaf(n, c, h, w)
    weight = leaf(oc, c // groups, *k)
    b = leaf(oc) if bias else None
    out = F.conv2d(x, weight, b, stride, padding, dilation, groups)
    grad_out, grads = backward(out, x, weight, b)
    tensors = {"x": tensor(x), "weight": tensor(weight), "out": tensor(out), "grad_out": tensor(grad_out),
               "grad_x": tensor(grads[0]), "grad_weight": tensor(grads[1])}
    if bias:
        tensors["bias"] = tensor(b)
        tensors["grad_bias"] = tensor(grads[2])
    return {"name": name, "params": {"stride": list(stride), "padding": list(padding), "dilation": list(dilation),
                                     "groups": groups}, "tensors": tensors}


def conv_transpose2d_case(name, n, c, h, w, oc, k, stride, padding, output_padding, dilation, groups, bias):
    x = leaf(n, c, h, w)
    weight = leaf(c, oc // groups, *k)
    b = leaf(oc) if bias else None
    out = F.conv_transpose2d(x, weight, b, stride, padding, output_padding, groups, dilation)
    grad_out, grads = backward(out, x, weight, b)
    tensors = {"x": tensor(x), "weight": tensor(weight), "out": tensor(out), "grad_out": tensor(grad_out),
               "grad_x": tensor(grads[0]), "grad_weight": tensor(grads[1])}
    if bias:
        tensors["bias"] = tensor(b)
        tensors["grad_bias"] = tensor(grads[2])
    return {"name": name, "params": {"stride": list(stride), "padding": list(padding),
                                     "output_padding": list(output_padding), "dilation": list(dilation),
                                     "groups": groups}, "tensors": tensors}


def pool_case(name, kind, n, c, h, w, k, stride, padding):
    x = leaf(n, c, h, w)
    if kind == "max":
        out = F.max_pool2d(x, k, stride, padding)
    else:
        out = F.avg_pool2d(x, k, stride, padding, ceil_mode=False, count_include_pad=True)
    grad_out, grads = backward(out, x)
    params = {"kind": kind, "kernel": list(k), "padding": list(padding)}
    if stride is not None:
        params["stride"] = list(stride)
    return {"name": name, "params": params,
            "tensors": {"x": tensor(x), "out": tensor(out), "grad_out": tensor(grad_out), "grad_x": tensor(grads[0])}}


def batch_norm_case(name, shape, momentum, eps, steps):
    """`steps` training steps (new input each), then one evaluation step with the running stats."""
    c = shape[1]
    running_mean = torch.randn(c) * 0.1
    running_var = torch.rand(c) + 0.5
    weight = leaf(c)
    bias = leaf(c)
    case = {"name": name, "params": {"momentum": momentum, "eps": eps, "steps": steps},
            "tensors": {"running_mean_start": tensor(running_mean), "running_var_start": tensor(running_var),
                        "weight": tensor(weight), "bias": tensor(bias)}}
    for step in range(steps):
        # Shifted and scaled inputs, so the running statistics have something to track.
        x = (torch.randn(*shape) * (1.0 + step) + 0.5 * step).requires_grad_(True)
        out = F.batch_norm(x, running_mean, running_var, weight, bias, True, momentum, eps)
        grad_out, (gx, gw, gb) = backward(out, x, weight, bias)
        prefix = "train%d_" % step
        case["tensors"].update({prefix + "x": tensor(x), prefix + "out": tensor(out),
                                prefix + "grad_out": tensor(grad_out), prefix + "grad_x": tensor(gx),
                                prefix + "grad_weight": tensor(gw), prefix + "grad_bias": tensor(gb)})
    case["tensors"]["running_mean_end"] = tensor(running_mean)
    case["tensors"]["running_var_end"] = tensor(running_var)
    x = leaf(*shape)
    out = F.batch_norm(x, running_mean, running_var, weight, bias, False, momentum, eps)
    grad_out, (gx, gw, gb) = backward(out, x, weight, bias)
    case["tensors"].update({"eval_x": tensor(x), "eval_out": tensor(out), "eval_grad_out": tensor(grad_out),
                            "eval_grad_x": tensor(gx), "eval_grad_weight": tensor(gw), "eval_grad_bias": tensor(gb)})
    return case


def write(file, cases):
    path = os.path.join(OUT_DIR, file)
    with open(path, "w") as f:
        json.dump({"generator": "pytorch/make_conv_fixtures.py", "torch": torch.__version__, "cases": cases}, f)
        f.write("\n")
    print("wrote", path, len(cases), "cases")


def main():
    os.makedirs(OUT_DIR, exist_ok=True)
    write("conv2d.json", [
        conv2d_case("plain 3x3", 2, 3, 5, 5, 4, (3, 3), (1, 1), (0, 0), (1, 1), 1, True),
        conv2d_case("stride padding dilation, non-square", 2, 3, 7, 6, 5, (3, 2), (2, 1), (1, 0), (1, 2), 1, True),
        conv2d_case("groups 2 no bias", 1, 4, 6, 5, 6, (3, 3), (1, 2), (1, 1), (1, 1), 2, False),
        conv2d_case("dcgan-like 4x4 stride 2", 2, 3, 8, 8, 2, (4, 4), (2, 2), (1, 1), (1, 1), 1, True),
        conv2d_case("1x1 kernel", 3, 2, 3, 4, 3, (1, 1), (1, 1), (0, 0), (1, 1), 1, True),
    ])
    write("conv_transpose2d.json", [
        conv_transpose2d_case("dcgan-like 4x4 stride 2", 2, 3, 4, 4, 2, (4, 4), (2, 2), (1, 1), (0, 0), (1, 1), 1, True),
        conv_transpose2d_case("stride 2 output padding", 1, 2, 3, 5, 3, (3, 3), (2, 2), (1, 1), (1, 1), (1, 1), 1, True),
        conv_transpose2d_case("non-square, groups 2", 2, 4, 3, 4, 6, (2, 3), (2, 3), (0, 1), (1, 2), (1, 1), 2, False),
        conv_transpose2d_case("output padding under dilation", 1, 2, 4, 3, 2, (3, 2), (1, 1), (1, 0), (1, 1), (2, 2), 1,
                              True),
        conv_transpose2d_case("from 1x1", 2, 3, 1, 1, 2, (4, 4), (1, 1), (0, 0), (0, 0), (1, 1), 1, True),
    ])
    write("pool.json", [
        pool_case("max 3x3 stride 2 padding 1", "max", 2, 3, 7, 6, (3, 3), (2, 2), (1, 1)),
        pool_case("max 2x2 default stride", "max", 1, 2, 6, 5, (2, 2), None, (0, 0)),
        pool_case("max non-square", "max", 2, 1, 5, 7, (2, 3), (1, 2), (1, 1)),
        pool_case("avg 3x3 stride 2 padding 1", "avg", 2, 3, 7, 6, (3, 3), (2, 2), (1, 1)),
        pool_case("avg 2x2 default stride", "avg", 1, 2, 6, 5, (2, 2), None, (0, 0)),
        pool_case("avg non-square", "avg", 2, 1, 5, 7, (2, 3), (1, 2), (1, 1)),
    ])
    write("batch_norm.json", [
        batch_norm_case("4-d", (3, 2, 4, 5), 0.1, 1e-5, 3),
        batch_norm_case("2-d", (5, 3), 0.3, 1e-3, 3),
    ])


if __name__ == "__main__":
    main()
