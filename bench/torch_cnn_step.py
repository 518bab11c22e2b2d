#!/usr/bin/env python3
# One PyTorch train step of the issue #11 CNN (conv 32@5x5 + max-pool, conv 64@5x5 + max-pool, dense 128, dense 10; Adam
# 1e-3, cross-entropy) on a seeded random batch, flush-to-zero on; prints samples/s (median of 7 rounds).
#   /usr/bin/python3 bench/torch_cnn_step.py THREADS BATCH STEPS [LABEL]   (Debian: apt-get install python3-torch)
# The last line is a JSON record for bench/compare.py (threads, batch, samples_per_s, label).
import json, sys, time
import numpy as np, torch, torch.nn as nn
torch.set_flush_denormal(True)
threads = int(sys.argv[1]); batch = int(sys.argv[2]); steps = int(sys.argv[3])
torch.set_num_threads(threads)
torch.manual_seed(0)
model = nn.Sequential(
    nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()
rng = np.random.default_rng(1)
x = torch.from_numpy(rng.random((batch, 1, 28, 28), dtype=np.float32))
y = torch.from_numpy(rng.integers(0, 10, batch))
def step():
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
for _ in range(20):
    step()
times = []
for r in range(7):
    t0 = time.perf_counter()
    for _ in range(steps):
        step()
    times.append((time.perf_counter() - t0) / steps)
t = sorted(times)[len(times) // 2]
print(f"pytorch threads={threads} batch={batch}: {batch / t:.0f} samples/s (median of 7 rounds of {steps} steps)",
      file=sys.stderr)
print(json.dumps({"threads": threads, "batch": batch, "samples_per_s": batch / t,
                  "label": sys.argv[4] if len(sys.argv) > 4 else ""}))
