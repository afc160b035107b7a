"""Held-out loss of the trained model in fp32 (the precision of the exported ONNX model) → work/eval.json.

  /usr/bin/python3 scripts/demo-model/evaluate.py [--checkpoint scripts/demo-model/work/final.pt]
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse
import json
import math
import time

import numpy as np
import torch
import torch.nn.functional as F

from model import load_trained

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")
parser = argparse.ArgumentParser()
parser.add_argument("--checkpoint", default=os.path.join(WORK, "final.pt"))
args = parser.parse_args()

torch.set_num_threads(2)
model, cfg = load_trained(args.checkpoint)
T = cfg.n_positions
data = torch.from_numpy(np.fromfile(os.path.join(WORK, "heldout.bin"), dtype=np.uint16).astype(np.int64))
n = (data.numel() - 1) // T
x, y = data[: n * T].view(n, T), data[1 : n * T + 1].view(n, T)
start = time.time()
total = 0.0
with torch.no_grad():
    for i in range(0, n, 32):
        logits = model(x[i : i + 32])
        total += F.cross_entropy(logits.view(-1, cfg.vocab_size), y[i : i + 32].reshape(-1), reduction="sum").item()
loss = total / (n * T)
result = {"heldout_loss_fp32": round(loss, 4), "heldout_perplexity_fp32": round(math.exp(loss), 2), "tokens": n * T,
          "seconds": round(time.time() - start, 1)}
with open(os.path.join(WORK, "eval.json"), "w") as f:
    json.dump(result, f, indent=2)
print(json.dumps(result))
