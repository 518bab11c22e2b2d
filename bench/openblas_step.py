#!/usr/bin/env python3
"""The machine's reference points for bin/compare, with NumPy on OpenBLAS (run like torch_step.py, with
OPENBLAS_NUM_THREADS and OPENBLAS_CORETYPE set by the caller):

- the 11 GEMMs of one train step of the MLP 784-256-128-64-10 alone (forward x·Wᵀ for 4 layers, the error δ·W for the
  3 upper layers, the weight gradient δᵀ·x for 4 layers; no bias, activation, loss or Adam), as samples/s;
- the machine's sgemm peak: C = A·B at 2048³, as GFLOP/s.

Prints one JSON line per measurement; every figure is the best of several timed windows.
"""
import argparse
import json

import numpy as np

from timing import best_rate

DIMS = [784, 256, 128, 64, 10]


def step_gemms(batch):
    rng = np.random.default_rng(0)
    f32 = np.float32
    w = [rng.random((DIMS[l + 1], DIMS[l]), dtype=f32) for l in range(len(DIMS) - 1)]
    s = [rng.random((batch, d), dtype=f32) for d in DIMS]  # s[0] is the input batch
    d = [rng.random((batch, d), dtype=f32) for d in DIMS]  # errors at each layer's output
    gw = [np.empty_like(x) for x in w]

    def run():
        for l in range(len(w)):
            np.matmul(s[l], w[l].T, out=s[l + 1])
        for l in range(len(w) - 1, -1, -1):
            np.matmul(d[l + 1].T, s[l], out=gw[l])
            if l > 0:
                np.matmul(d[l + 1], w[l], out=d[l])

    return run


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", default="50,256")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--label", default="")
    a = p.parse_args()
    label = f", {a.label}" if a.label else ""
    for batch in [int(b) for b in a.batch.split(",")]:
        sps = best_rate(step_gemms(batch), batch, a.seconds)
        print(json.dumps({"kind": "gemms", "system": f"OpenBLAS: the 11 GEMMs of one step alone (NumPy{label})",
                          "threads": a.threads, "batch": batch, "samples_per_s": sps}), flush=True)
    n = 2048
    rng = np.random.default_rng(1)
    x, y = rng.random((n, n), dtype=np.float32), rng.random((n, n), dtype=np.float32)
    z = np.empty_like(x)
    gflops = best_rate(lambda: np.matmul(x, y, out=z), 2.0 * n ** 3 / 1e9, a.seconds)
    print(json.dumps({"kind": "peak", "system": f"OpenBLAS sgemm 2048³ (NumPy{label})", "threads": a.threads,
                      "gflops": gflops}), flush=True)


if __name__ == "__main__":
    main()
