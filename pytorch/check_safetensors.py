#!/usr/bin/python3
"""Checks, with PyTorch, a safetensors file that jgan wrote.

    mvn -q -pl core,nn test -Dtest=PyTorchSafeTensorsTest -Dsurefire.failIfNoSpecifiedTests=false
    /usr/bin/python3 pytorch/check_safetensors.py [nn/target/pytorch/jgan_written.safetensors]

The file is parsed by hand (the safetensors package is not installed here), following the
format's rules strictly: 8-byte little-endian header length, a JSON header whose tensors tile
the data exactly, little-endian F32/F64 data. Then its model weights are loaded into a torch
nn.Sequential with load_state_dict(strict=True) and torch's forward pass must reproduce the
output jgan computed and stored next to them. Exit status 0 means every check passed.
"""
import json
import os
import struct
import sys

import torch

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "nn", "target", "pytorch",
                       "jgan_written.safetensors")
DTYPES = {"F32": (torch.float32, 4), "F64": (torch.float64, 8)}


def read(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    assert 8 + n <= len(raw), "header runs past the end of the file"
    assert n % 8 == 0, "header not padded to 8 bytes (jgan pads it)"
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    data = raw[8 + n:]
    metadata = header.pop("__metadata__", {})
    assert all(isinstance(v, str) for v in metadata.values()), "metadata values must be strings"
    tensors, cursor = {}, 0
    for name, entry in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        dtype, width = DTYPES[entry["dtype"]]
        begin, end = entry["data_offsets"]
        assert begin == cursor, "%s starts at %d, expected %d" % (name, begin, cursor)
        numel = 1
        for s in entry["shape"]:
            numel *= s
        assert end - begin == numel * width, "%s: %d bytes for shape %s" % (name, end - begin, entry["shape"])
        assert begin % width == 0, "%s is not aligned to its element size" % name
        assert end <= len(data), "%s ends at data byte %d, but the file has %d: truncated" % (name, end, len(data))
        chunk = bytearray(data[begin:end])
        t = torch.frombuffer(chunk, dtype=dtype) if chunk else torch.zeros(0, dtype=dtype)
        tensors[name] = t.reshape(entry["shape"]).clone()
        cursor = end
    assert cursor == len(data), "%d bytes of data belong to no tensor" % (len(data) - cursor)
    return tensors, metadata


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    tensors, metadata = read(path)
    assert metadata == {"written_by": "jgan", "note": "ünïcode"}, metadata

    f64 = tensors["values.f64"]
    assert f64.dtype == torch.float64 and list(f64.shape) == [2, 3]
    assert torch.equal(f64, (torch.arange(6, dtype=torch.float64) - 2.5).div(3).reshape(2, 3)), f64
    assert tensors["values.scalar"].shape == () and tensors["values.scalar"].item() == 2.5
    assert list(tensors["values.empty"].shape) == [0, 4]

    model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.LeakyReLU(0.2), torch.nn.Linear(4, 2))
    state = {k[len("model."):]: v for k, v in tensors.items() if k.startswith("model.")}
    model.load_state_dict(state, strict=True)
    with torch.no_grad():
        out = model(tensors["check.input"])
    diff = (out - tensors["check.output"]).abs().max().item()
    # a few float32 ulps: the two engines sum the same products in different orders
    assert torch.allclose(out, tensors["check.output"], rtol=1e-6, atol=1e-7), "torch's forward differs from jgan's by %g" % diff
    print("OK: %s: %d tensors, metadata %s; torch %s loaded the model strictly and its forward matches jgan's"
          " (max |diff| %.2g)" % (os.path.relpath(path), len(tensors), metadata, torch.__version__, diff))


if __name__ == "__main__":
    main()
