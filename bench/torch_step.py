#!/usr/bin/env python3
"""The train step of TrainStepBench in PyTorch: MLP 784-256-128-64-10 (ReLU), softmax cross-entropy, Adam (lr 1e-3),
inputs uniform in [0, 1), labels uniform over 10 classes. Prints one JSON line per (batch, threads) with the best
samples/s over the Adam variants (foreach on/off) and several timed windows.

Run by bin/compare with OMP_NUM_THREADS / OPENBLAS_NUM_THREADS set to --threads, OPENBLAS_CORETYPE unset or set.
"""
import argparse
import json

import torch

from timing import best_rate


def samples_per_s(batch, threads, seconds, foreach):
    # Adam's moments of dead units decay into subnormals, which cost ~100 cycles per operation on x86; infergen stores
    # them as zero, so PyTorch gets flush-to-zero (its documented switch) for a like-for-like comparison.
    torch.set_flush_denormal(True)
    torch.manual_seed(0)
    torch.set_num_threads(threads)
    net = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(),
        torch.nn.Linear(256, 128), torch.nn.ReLU(),
        torch.nn.Linear(128, 64), torch.nn.ReLU(),
        torch.nn.Linear(64, 10))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, foreach=foreach)
    loss_fn = torch.nn.CrossEntropyLoss()
    x = torch.rand(batch, 784)
    y = torch.randint(0, 10, (batch,))

    def step():
        opt.zero_grad(set_to_none=False)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
        return loss

    return best_rate(step, batch, seconds, warmup=max(20, int(2000 / batch)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--batch", default="50,256")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--seconds", type=float, default=5.0)
    p.add_argument("--label", default="")
    a = p.parse_args()
    for batch in [int(b) for b in a.batch.split(",")]:
        best = max(samples_per_s(batch, a.threads, a.seconds, f) for f in (False, True))
        label = f", {a.label}" if a.label else ""
        print(json.dumps({"system": f"PyTorch {torch.__version__.split('a')[0]} (OpenBLAS{label})",
                          "threads": torch.get_num_threads(), "batch": batch, "samples_per_s": best}), flush=True)


if __name__ == "__main__":
    main()
