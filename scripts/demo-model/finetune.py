"""Fine-tunes the committed demo LM on token sequences and reports the loss on held-out examples:
the downstream half of `npm run bench:select` (packages/select/bench/downstream.ts writes the input).

  OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 scripts/demo-model/finetune.py input.json > results.jsonl

The starting weights are read from packages/demo-model/onnx/model.onnx (its initializers carry the
PyTorch parameter names), so no checkpoint is needed. Every run starts from the same weights with
the same seed, steps, batch, schedule and precision; only the training tokens differ.

input.json: {"steps", "batch", "seqLen", "lr", "warmup", "seed", "eosId",
             "heldOut": {task: [[ids], ...]}, "runs": [{"name", "task", "train": [[ids], ...]}]}
stdout: one JSON line per task before fine-tuning ({"task", "run": "base", "loss"}) and per run.
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import json
import math
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

from model import GPT, GPTConfig

HERE = os.path.dirname(os.path.abspath(__file__))
ONNX_PATH = os.path.join(HERE, "..", "..", "packages", "demo-model", "onnx", "model.onnx")

torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "2")))
spec = json.load(open(sys.argv[1]))
cfg = GPTConfig()
base = {init.name: torch.from_numpy(numpy_helper.to_array(init).copy()) for init in onnx.load(ONNX_PATH).graph.initializer}
EOS = spec["eosId"]
T = spec["seqLen"]


def fresh_model():
    model = GPT(cfg)
    missing, unexpected = model.load_state_dict(base, strict=False)
    if missing or unexpected:
        raise SystemExit(f"ONNX initializers do not match the model: missing {missing}, unexpected {unexpected}")
    return model


@torch.no_grad()
def heldout_loss(model, examples):
    """Mean next-token loss over every token of every example, each preceded by EOS (as in training)."""
    model.eval()
    total, count = 0.0, 0
    for start in range(0, len(examples), 16):
        rows = [[EOS] + ids[:T] for ids in examples[start:start + 16]]
        width = max(len(r) for r in rows)
        ids = torch.full((len(rows), width), EOS, dtype=torch.long)
        mask = torch.zeros((len(rows), width), dtype=torch.long)
        for i, r in enumerate(rows):
            ids[i, : len(r)] = torch.tensor(r)
            mask[i, : len(r)] = 1
        logits = model(ids[:, :-1], mask[:, :-1])
        losses = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), ids[:, 1:].reshape(-1), reduction="none")
        weights = mask[:, 1:].reshape(-1).float()
        total += float((losses * weights).sum())
        count += int(weights.sum())
    return total / count


def lr_at(step):
    if step < spec["warmup"]:
        return spec["lr"] * (step + 1) / spec["warmup"]
    progress = (step - spec["warmup"]) / max(1, spec["steps"] - spec["warmup"])
    return spec["lr"] * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


def finetune(samples):
    torch.manual_seed(spec["seed"])
    rng = np.random.default_rng(spec["seed"])
    order = rng.permutation(len(samples))
    stream = []
    for i in order:
        stream.extend(samples[i])
        stream.append(EOS)
    while len(stream) < T + 2:
        stream = stream + stream
    data = torch.tensor(stream, dtype=torch.long)
    model = fresh_model()
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}], lr=spec["lr"], betas=(0.9, 0.95))
    gen = torch.Generator().manual_seed(spec["seed"])
    model.train()
    for step in range(spec["steps"]):
        for group in optimizer.param_groups:
            group["lr"] = lr_at(step)
        starts = torch.randint(0, len(data) - T - 1, (spec["batch"],), generator=gen)
        x = torch.stack([data[s : s + T] for s in starts])
        y = torch.stack([data[s + 1 : s + T + 1] for s in starts])
        with torch.autocast("cpu", dtype=torch.bfloat16):
            logits = model(x)
        loss = F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), y.reshape(-1))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
    return model, len(stream)


base_model = fresh_model()
for task, examples in spec["heldOut"].items():
    print(json.dumps({"task": task, "run": "base", "loss": round(heldout_loss(base_model, examples), 5)}), flush=True)
for run in spec["runs"]:
    started = time.time()
    model, tokens = finetune(run["train"])
    loss = heldout_loss(model, spec["heldOut"][run["task"]])
    print(json.dumps({"task": run["task"], "run": run["name"], "loss": round(loss, 5), "trainTokens": tokens, "seconds": round(time.time() - started, 1)}), flush=True)
