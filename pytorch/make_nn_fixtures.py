#!/usr/bin/python3
"""Computes the PyTorch parity fixtures of the nn module.

Run with Debian's torch 1.13 (not the pyenv python on PATH):

    /usr/bin/python3 pytorch/make_nn_fixtures.py

It writes small JSON files (and one safetensors file) to nn/src/test/resources/pytorch/; the
Java tests compare against them, so CI needs no Python. Every initial value is stored in the
fixture, so the Java side never has to reproduce PyTorch's random numbers.

A tensor is stored as {"shape": [...], "data": [...]} with data in row-major order; float32
values are written as the exact doubles they are.
"""
import json
import os
import struct
import sys

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn", "src", "test", "resources", "pytorch")


def t(x):
    x = x.detach()
    return {"shape": list(x.shape), "data": [float(v) for v in x.reshape(-1).tolist()]}


def save(name, obj):
    path = os.path.join(OUT, name)
    with open(path, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
    print("wrote", os.path.relpath(path))


def linear_fixture():
    g = torch.Generator().manual_seed(1)
    layer = torch.nn.Linear(5, 3)
    with torch.no_grad():
        layer.weight.copy_(torch.randn(3, 5, generator=g))
        layer.bias.copy_(torch.randn(3, generator=g))
    cases = []
    for name, shape in [("batch", (4, 5)), ("batched3d", (2, 3, 5)), ("vector", (5,))]:
        layer.zero_grad()
        x = torch.randn(*shape, generator=g).requires_grad_(True)
        y = layer(x)
        gy = torch.randn(*y.shape, generator=g)
        y.backward(gy)
        cases.append({"name": name, "input": t(x), "grad_output": t(gy), "output": t(y),
                      "grad_input": t(x.grad), "grad_weight": t(layer.weight.grad), "grad_bias": t(layer.bias.grad)})
    save("linear.json", {"in_features": 5, "out_features": 3, "weight": t(layer.weight), "bias": t(layer.bias),
                         "cases": cases})


def loss_fixture():
    g = torch.Generator().manual_seed(2)
    F = torch.nn.functional
    cases = []

    def case(loss, reduction, fn, inp, target, labels=None):
        x = inp.clone().requires_grad_(True)
        out = fn(x, target if labels is None else labels, reduction)
        gy = torch.randn(*out.shape, generator=g) if reduction == "none" else torch.tensor(1.0)
        out.backward(gy)
        c = {"loss": loss, "reduction": reduction, "input": t(inp), "output": t(out), "grad_output": t(gy),
             "grad_input": t(x.grad)}
        if labels is None:
            c["target"] = t(target)
        else:
            c["labels"] = [int(v) for v in labels.reshape(-1).tolist()]
            c["label_shape"] = list(labels.shape)
        cases.append(c)

    for reduction in ["mean", "sum", "none"]:
        probs = torch.sigmoid(torch.randn(4, 3, generator=g) * 2)
        case("bce", reduction, lambda x, y, r: F.binary_cross_entropy(x, y, reduction=r), probs,
             torch.rand(4, 3, generator=g))
        case("bce_with_logits", reduction, lambda x, y, r: F.binary_cross_entropy_with_logits(x, y, reduction=r),
             torch.randn(4, 3, generator=g) * 3, torch.rand(4, 3, generator=g))
        case("mse", reduction, lambda x, y, r: F.mse_loss(x, y, reduction=r),
             torch.randn(4, 3, generator=g), torch.randn(4, 3, generator=g))
        case("cross_entropy", reduction, lambda x, y, r: F.cross_entropy(x, y, reduction=r),
             torch.randn(6, 5, generator=g) * 2, None, torch.randint(0, 5, (6,), generator=g))
        case("nll", reduction, lambda x, y, r: F.nll_loss(x, y, reduction=r),
             torch.log_softmax(torch.randn(6, 5, generator=g), 1), None, torch.randint(0, 5, (6,), generator=g))
    # a class per position: input [N, C, H, W], labels [N, H, W]
    case("cross_entropy", "mean", lambda x, y, r: F.cross_entropy(x, y, reduction=r),
         torch.randn(2, 3, 2, 2, generator=g), None, torch.randint(0, 3, (2, 2, 2), generator=g))
    save("losses.json", {"cases": cases})


def optim_fixture():
    g = torch.Generator().manual_seed(3)
    init = [torch.randn(3, 4, generator=g), torch.randn(4, generator=g)]
    steps = 5
    grads = []
    for step in range(steps):
        # parameter 1 has no gradient at step 2: optimizers must skip it and not count the step
        grads.append([torch.randn(3, 4, generator=g), None if step == 2 else torch.randn(4, generator=g)])

    configs = [
        ("sgd", {"lr": 0.1, "momentum": 0.9, "dampening": 0.0, "nesterov": True, "weight_decay": 0.01}),
        ("sgd", {"lr": 0.05, "momentum": 0.8, "dampening": 0.1, "nesterov": False, "weight_decay": 0.0}),
        ("sgd", {"lr": 0.1, "momentum": 0.0, "dampening": 0.0, "nesterov": False, "weight_decay": 0.0}),
        ("adam", {"lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-8, "weight_decay": 0.1, "amsgrad": False}),
        ("adam", {"lr": 0.002, "betas": [0.5, 0.999], "eps": 1e-6, "weight_decay": 0.0, "amsgrad": True}),
    ]
    cases = []
    for kind, o in configs:
        params = [p.clone().requires_grad_(True) for p in init]
        if kind == "sgd":
            opt = torch.optim.SGD(params, lr=o["lr"], momentum=o["momentum"], dampening=o["dampening"],
                                  nesterov=o["nesterov"], weight_decay=o["weight_decay"], foreach=False)
        else:
            opt = torch.optim.Adam(params, lr=o["lr"], betas=tuple(o["betas"]), eps=o["eps"],
                                   weight_decay=o["weight_decay"], amsgrad=o["amsgrad"], foreach=False)
        after = []
        for step in range(steps):
            opt.zero_grad(set_to_none=True)
            for p, gr in zip(params, grads[step]):
                p.grad = None if gr is None else gr.clone()
            opt.step()
            after.append([t(p) for p in params])
        state = {}
        steps_taken = {}
        for i, p in enumerate(params):
            for key, value in opt.state[p].items():
                if key == "step":
                    steps_taken[str(i)] = int(value.item())
                elif value is not None:  # SGD without momentum keeps momentum_buffer = None
                    state["state.%d.%s" % (i, key)] = t(value)
        cases.append({"optimizer": kind, "options": o, "params_after": after, "final_state": state,
                      "final_steps": steps_taken})
    save("optim.json", {"init": [t(p) for p in init],
                        "grads": [[None if gr is None else t(gr) for gr in step] for step in grads],
                        "cases": cases})


def mlp_step_fixture():
    g = torch.Generator().manual_seed(4)
    torch.manual_seed(4)
    model = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.LeakyReLU(0.2), torch.nn.Linear(8, 1),
                                torch.nn.Sigmoid())
    init = {k: t(v) for k, v in model.state_dict().items()}
    opt = torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.5, 0.999), foreach=False)
    loss_fn = torch.nn.BCELoss()
    steps = []
    for _ in range(3):
        x = torch.randn(6, 4, generator=g)
        y = torch.randint(0, 2, (6, 1), generator=g).float()
        opt.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        steps.append({"input": t(x), "target": t(y), "loss": float(loss.item()),
                      "params_after": {k: t(v) for k, v in model.state_dict().items()}})
    save("mlp_step.json", {"lr": 0.01, "betas": [0.5, 0.999], "negative_slope": 0.2, "init": init, "steps": steps})


def write_safetensors(path, tensors, metadata):
    """The safetensors format by hand (the safetensors package is not installed here): header
    entries and data sorted by dtype width, then name, as the reference writer does."""
    codes = {torch.float32: "F32", torch.float64: "F64"}
    order = sorted(tensors, key=lambda k: (-tensors[k].element_size(), k))
    header = {"__metadata__": metadata}
    blobs = []
    offset = 0
    for name in order:
        x = tensors[name].contiguous()
        blob = x.numpy().astype(x.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": codes[x.dtype], "shape": list(x.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for blob in blobs:
            f.write(blob)
    print("wrote", os.path.relpath(path))


def safetensors_fixture():
    g = torch.Generator().manual_seed(5)
    torch.manual_seed(5)
    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.LeakyReLU(0.2), torch.nn.Linear(4, 2))
    tensors = {"model." + k: v for k, v in model.state_dict().items()}
    tensors["extra.double"] = torch.randn(2, 3, generator=g, dtype=torch.float64)
    tensors["extra.scalar"] = torch.tensor(0.25)
    tensors["extra.empty"] = torch.zeros(0, 3)
    metadata = {"format": "pt", "source": "make_nn_fixtures.py"}
    write_safetensors(os.path.join(OUT, "torch_written.safetensors"), tensors, metadata)
    x = torch.randn(5, 3, generator=g)
    save("torch_written.json", {
        "tensors": {k: dict(t(v), dtype="F64" if v.dtype == torch.float64 else "F32") for k, v in tensors.items()},
        "metadata": metadata, "input": t(x), "output": t(model(x))})


def spectral_norm_fixture():
    """torch.nn.utils.spectral_norm (one power iteration) on a Linear, a Conv2d and a ConvTranspose2d
    (whose dim 1 holds the outputs): two forward passes in training mode, as D sees a real and a
    fake batch, one backward through both, then one pass in eval mode (no iteration)."""
    g = torch.Generator().manual_seed(6)
    F = torch.nn.functional
    layers = [("linear", torch.nn.Linear(5, 3), (4, 5)),
              ("conv2d", torch.nn.Conv2d(2, 3, 3, stride=2, padding=1), (2, 2, 5, 5)),
              ("conv_transpose2d", torch.nn.ConvTranspose2d(3, 2, 4, stride=2, padding=1), (2, 3, 3, 3))]
    cases = []
    for name, layer, shape in layers:
        with torch.no_grad():
            layer.weight.copy_(torch.randn(*layer.weight.shape, generator=g))
            layer.bias.copy_(torch.randn(*layer.bias.shape, generator=g))
        weight, bias = t(layer.weight), t(layer.bias)
        wrapped = torch.nn.utils.spectral_norm(layer)
        with torch.no_grad():
            wrapped.weight_u.copy_(F.normalize(torch.randn(*wrapped.weight_u.shape, generator=g), dim=0))
            wrapped.weight_v.copy_(F.normalize(torch.randn(*wrapped.weight_v.shape, generator=g), dim=0))
        u0, v0 = t(wrapped.weight_u), t(wrapped.weight_v)
        x1 = torch.randn(*shape, generator=g).requires_grad_(True)
        x2 = torch.randn(*shape, generator=g).requires_grad_(True)
        y1 = wrapped(x1)
        y2 = wrapped(x2)
        g1 = torch.randn(*y1.shape, generator=g)
        g2 = torch.randn(*y2.shape, generator=g)
        ((y1 * g1).sum() + (y2 * g2).sum()).backward()
        wrapped.eval()
        x3 = torch.randn(*shape, generator=g)
        y3 = wrapped(x3)
        cases.append({"name": name, "weight": weight, "bias": bias, "u": u0, "v": v0,
                      "input1": t(x1), "input2": t(x2), "grad_output1": t(g1), "grad_output2": t(g2),
                      "output1": t(y1), "output2": t(y2), "grad_input1": t(x1.grad), "grad_input2": t(x2.grad),
                      "grad_weight": t(wrapped.weight_orig.grad), "grad_bias": t(wrapped.bias.grad),
                      "u_after": t(wrapped.weight_u), "v_after": t(wrapped.weight_v),
                      "eval_input": t(x3), "eval_output": t(y3)})
    save("spectral_norm.json", {"eps": 1e-12, "cases": cases})


if __name__ == "__main__":
    if not torch.__version__.startswith("1.13"):
        sys.exit("expected torch 1.13 (/usr/bin/python3), got " + torch.__version__)
    torch.set_num_threads(1)
    os.makedirs(OUT, exist_ok=True)
    linear_fixture()
    loss_fixture()
    optim_fixture()
    mlp_step_fixture()
    safetensors_fixture()
    spectral_norm_fixture()
