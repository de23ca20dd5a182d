"""Writes resize_bilinear.txt, the fixture for ResizeTest.

Run once with Debian's PyTorch:  /usr/bin/python3 resize_bilinear_fixture.py
Each case resizes a [1, C, H, W] float32 tensor with
torch.nn.functional.interpolate(mode="bilinear", align_corners=False) (no antialiasing,
torch's default), and records input and output in row-major order.
"""
import torch
import torch.nn.functional as F

CASES = [  # C, H, W, out_h, out_w: up, down, mixed, identity, and the 8x8 -> 32x32 digits case
    (2, 3, 5, 7, 4),
    (1, 6, 9, 4, 3),
    (1, 1, 1, 3, 2),
    (3, 4, 4, 4, 4),
    (1, 8, 8, 32, 32),
    (1, 5, 7, 1, 1),
]

gen = torch.Generator().manual_seed(1234)
with open("resize_bilinear.txt", "w") as out:
    for c, h, w, oh, ow in CASES:
        x = torch.rand(1, c, h, w, generator=gen, dtype=torch.float32)
        y = F.interpolate(x, size=(oh, ow), mode="bilinear", align_corners=False)
        out.write(f"case {c} {h} {w} {oh} {ow}\n")
        out.write(" ".join(f"{v:.9g}" for v in x.flatten().tolist()) + "\n")
        out.write(" ".join(f"{v:.9g}" for v in y.flatten().tolist()) + "\n")
