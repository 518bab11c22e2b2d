# Loads a checkpoint of the conv-bp CNN (infergen.samples.conv.ConvSpecs.ConvBp) into PyTorch modules and prints
# the softmax of n images: python3 load_cnn.py CHECKPOINT IMAGES N, IMAGES raw little-endian float32, n × 784.
# docs/conv.md shows the same code; PyTorchLoadingTest runs it and compares with the generated net's predict().
import json
import struct
import sys

import numpy as np
import torch
import torch.nn as nn


def load_safetensors(path):
    """The tensors of a safetensors file (without the safetensors package): an 8-byte header length, a JSON header
    of name → dtype, shape, byte offsets, then the data."""
    with open(path, "rb") as f:
        (length,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(length))
        data = f.read()
    return {name: torch.from_numpy(np.frombuffer(data[t["data_offsets"][0]:t["data_offsets"][1]], "<f4")
                                   .reshape(t["shape"]).copy())
            for name, t in header.items() if name != "__metadata__"}


t = load_safetensors(sys.argv[1])
model = nn.Sequential(
    nn.Conv2d(1, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(32, 64, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
for i, layer in enumerate([model[0], model[3], model[7], model[9]]):
    layer.weight.data, layer.bias.data = t[f"layer{i}.weight"], t[f"layer{i}.bias"]

n = int(sys.argv[3])
x = torch.from_numpy(np.fromfile(sys.argv[2], "<f4").reshape(n, 1, 28, 28).copy())
with torch.no_grad():
    p = torch.softmax(model(x), dim=1)
for row in p.tolist():
    print(" ".join(f"{v:.8f}" for v in row))
