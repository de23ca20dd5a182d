#!/usr/bin/env python3
"""Turns MatmulBenchmark's JMH CSV into the Markdown table of benchmarks/README.md.

    java -jar benchmarks/target/benchmarks.jar MatmulBenchmark -rf csv -rff matmul.csv
    python3 benchmarks/matmul_ladder_table.py matmul.csv

One row per shape (m x k x n), one column per rung in GFLOP/s (2 m k n / time), and the
speed-up of the new default (SIMD_THREADED) over the previous one (BLOCKED_THREADED).
"""
import csv
import sys

RUNGS = ["NAIVE", "BLOCKED_THREADED", "REGISTER_TILE", "SIMD", "SIMD_THREADED"]
TO_SECONDS = {"us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0, "ns/op": 1e-9}


def main(path):
    seconds = {}
    shapes = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            shape, rung = row["Param: shape"], row["Param: version"]
            if shape not in shapes:
                shapes.append(shape)
            seconds[shape, rung] = float(row["Score"]) * TO_SECONDS[row["Unit"]]
    print("| m x k x n | " + " | ".join(RUNGS) + " | SIMD_THREADED / BLOCKED_THREADED |")
    print("|---|" + "---:|" * (len(RUNGS) + 1))
    for shape in shapes:
        m, k, n = (int(x) for x in shape.split("x"))
        cells = []
        for rung in RUNGS:
            t = seconds.get((shape, rung))
            cells.append("-" if t is None else f"{2 * m * k * n / t / 1e9:.3g}")
        old, new = seconds.get((shape, "BLOCKED_THREADED")), seconds.get((shape, "SIMD_THREADED"))
        ratio = f"{old / new:.1f}" if old and new else "-"
        print(f"| {shape} | " + " | ".join(cells) + f" | {ratio} |")


if __name__ == "__main__":
    main(sys.argv[1])
