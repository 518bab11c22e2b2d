#!/usr/bin/env python3
# One PyTorch train step of the issue #11 CNN (conv 32@5x5 + max-pool, conv 64@5x5 + max-pool, dense 128, dense 10; Adam
# 1e-3, cross-entropy) on a seeded random batch, flush-to-zero on; prints the best samples/s over the settings a careful
# user tries: NCHW or channels_last (oneDNN's blocked convolutions), Adam with or without foreach (each the median of 7
# rounds).
#   /usr/bin/python3 bench/torch_cnn_step.py THREADS BATCH STEPS [LABEL]   (Debian: apt-get install python3-torch)
# The last line is a JSON record for bench/compare.py (threads, batch, samples_per_s, label).
import json, sys, time
import numpy as np, torch, torch.nn as nn
torch.set_flush_denormal(True)
threads = int(sys.argv[1]); batch = int(sys.argv[2]); steps = int(sys.argv[3])
torch.set_num_threads(threads)


def rate(channels_last, foreach):
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
    rng = np.random.default_rng(1)
    x = torch.from_numpy(rng.random((batch, 1, 28, 28), dtype=np.float32))
    y = torch.from_numpy(rng.integers(0, 10, batch))
    if channels_last:
        model = model.to(memory_format=torch.channels_last)
        x = x.contiguous(memory_format=torch.channels_last)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, foreach=foreach)
    loss_fn = nn.CrossEntropyLoss()

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
    return batch / sorted(times)[len(times) // 2]


best, how = 0.0, ""
for channels_last in (False, True):
    for foreach in (False, True):
        r = rate(channels_last, foreach)
        setting = f"{'channels_last' if channels_last else 'NCHW'}, Adam foreach={foreach}"
        print(f"pytorch threads={threads} batch={batch}, {setting}: {r:.0f} samples/s", file=sys.stderr)
        if r > best:
            best, how = r, setting
label = ", ".join(s for s in (sys.argv[4] if len(sys.argv) > 4 else "", how) if s)
print(json.dumps({"threads": threads, "batch": batch, "samples_per_s": best, "label": label}))
