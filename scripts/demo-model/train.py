"""Trains the demo LM on work/train.bin within a wall-clock budget; resumable from work/ckpt.pt.

  OMP_NUM_THREADS=2 OMP_WAIT_POLICY=PASSIVE nohup /usr/bin/python3 scripts/demo-model/train.py \
      > scripts/demo-model/work/train.log 2>&1 &

The step count is chosen after measuring throughput for `--measure-seconds`, so that the whole run
(including evaluations) fits `--budget-minutes`. It is then stored in the checkpoint, so a resumed
run keeps the same learning-rate schedule.
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

from model import GPT, GPTConfig

HERE = os.path.dirname(os.path.abspath(__file__))
WORK = os.path.join(HERE, "work")

parser = argparse.ArgumentParser()
parser.add_argument("--budget-minutes", type=float, default=24.0, help="wall clock for the whole run")
parser.add_argument("--measure-seconds", type=float, default=60.0)
parser.add_argument("--steps", type=int, default=0, help="fixed step count (skips the measurement)")
parser.add_argument("--batch", type=int, default=32)
parser.add_argument("--lr", type=float, default=2e-3)
parser.add_argument("--min-lr-ratio", type=float, default=0.1)
parser.add_argument("--warmup", type=int, default=100)
parser.add_argument("--weight-decay", type=float, default=0.1)
parser.add_argument("--eval-every", type=int, default=250)
parser.add_argument("--eval-batches", type=int, default=8, help="held-out batches per intermediate eval")
parser.add_argument("--ckpt-every", type=int, default=100)
parser.add_argument("--seed", type=int, default=1234)
parser.add_argument("--threads", type=int, default=2)
parser.add_argument("--no-bf16", action="store_true")
parser.add_argument("--fresh", action="store_true", help="ignore an existing checkpoint")
parser.add_argument("--run", default="", help="sub-folder of work/ for this run's checkpoint, logs and final.pt "
                    "(a second model trains beside the first; the token files stay in work/)")
parser.add_argument("--n-embd", type=int, default=GPTConfig.n_embd)
parser.add_argument("--n-layer", type=int, default=GPTConfig.n_layer)
parser.add_argument("--n-head", type=int, default=GPTConfig.n_head)
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
cfg = GPTConfig(n_embd=args.n_embd, n_layer=args.n_layer, n_head=args.n_head)
T = cfg.n_positions
B = args.batch
RUN = os.path.join(WORK, args.run)
os.makedirs(RUN, exist_ok=True)
CKPT = os.path.join(RUN, "ckpt.pt")
METRICS = os.path.join(RUN, "train-log.jsonl")
use_bf16 = not args.no_bf16

train_data = torch.from_numpy(np.fromfile(os.path.join(WORK, "train.bin"), dtype=np.uint16).astype(np.int64))
heldout = torch.from_numpy(np.fromfile(os.path.join(WORK, "heldout.bin"), dtype=np.uint16).astype(np.int64))
n_windows = (heldout.numel() - 1) // T
heldout_x = heldout[: n_windows * T].view(n_windows, T)
heldout_y = heldout[1 : n_windows * T + 1].view(n_windows, T)

model = GPT(cfg)
decay = [p for n, p in model.named_parameters() if p.dim() >= 2]
no_decay = [p for n, p in model.named_parameters() if p.dim() < 2]
optimizer = torch.optim.AdamW(
    [{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
    lr=args.lr,
    betas=(0.9, 0.95),
)
gen = torch.Generator().manual_seed(args.seed)

state = {"step": 0, "total_steps": args.steps or None, "elapsed": 0.0, "tokens": 0}
if os.path.exists(CKPT) and not args.fresh:
    ckpt = torch.load(CKPT)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    gen.set_state(ckpt["generator"])
    state = ckpt["state"]
    print(f"resumed at step {state['step']} ({state['elapsed']:.0f}s elapsed)", flush=True)
elif os.path.exists(METRICS):
    os.remove(METRICS)


def log(record):
    record["elapsed_s"] = round(state["elapsed"] + time.time() - session_start, 1)
    with open(METRICS, "a") as f:
        f.write(json.dumps(record) + "\n")
    print(json.dumps(record), flush=True)


def lr_at(step, total):
    if step < args.warmup:
        return args.lr * (step + 1) / args.warmup
    progress = min(1.0, (step - args.warmup) / max(1, total - args.warmup))
    ratio = args.min_lr_ratio + (1 - args.min_lr_ratio) * 0.5 * (1 + math.cos(math.pi * progress))
    return args.lr * ratio


@torch.no_grad()
def evaluate(batches=None):
    model.eval()
    n = n_windows if batches is None else min(n_windows, batches * B)
    total, count = 0.0, 0
    for i in range(0, n, B):
        x, y = heldout_x[i : i + B], heldout_y[i : i + B]
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=use_bf16):
            logits = model(x)
        total += F.cross_entropy(logits.float().view(-1, cfg.vocab_size), y.reshape(-1), reduction="sum").item()
        count += y.numel()
    model.train()
    return total / count


def save():
    state["elapsed"] += time.time() - session_start
    tmp = CKPT + ".tmp"
    torch.save(
        {"model": model.state_dict(), "optimizer": optimizer.state_dict(), "generator": gen.get_state(),
         "state": state, "config": cfg.to_dict(), "args": vars(args)},
        tmp,
    )
    os.replace(tmp, CKPT)
    state["elapsed"] -= time.time() - session_start


session_start = time.time()
timing = {"step_s": None, "eval_batch_s": None}  # measured seconds per train step / per eval batch


def timed_eval(batches):
    t0 = time.time()
    loss = evaluate(batches)
    timing["eval_batch_s"] = (time.time() - t0) / max(1, math.ceil(min(n_windows, batches * B) / B))
    return loss


def fitting_steps():
    """Steps that fit the budget at the measured pace: training + remaining evals + the final full eval."""
    elapsed = state["elapsed"] + time.time() - session_start
    eval_batch_s = timing["eval_batch_s"] or 0.5 * timing["step_s"]
    left = args.budget_minutes * 60 - elapsed - 25 - math.ceil(n_windows / B) * eval_batch_s
    per_step = timing["step_s"] + args.eval_batches * eval_batch_s / args.eval_every
    return state["step"] + int(max(0.0, left) / per_step * 0.97)


if state["step"] == 0:
    print(f"model: {model.num_parameters()} parameters; train {train_data.numel()} tokens, "
          f"held-out {n_windows * T} tokens in {n_windows} windows", flush=True)
    log({"step": 0, "heldout_loss": round(timed_eval(args.eval_batches), 4)})

total_steps = state["total_steps"] or 10**9
window = {"steps": 0, "seconds": 0.0}
recent = []
model.train()
while state["step"] < total_steps:
    t0 = time.time()
    step = state["step"]
    lr = lr_at(step, total_steps if state["total_steps"] else 10**9)
    for group in optimizer.param_groups:
        group["lr"] = lr
    starts = torch.randint(0, train_data.numel() - T - 1, (B,), generator=gen)
    x = torch.stack([train_data[s : s + T] for s in starts.tolist()])
    y = torch.stack([train_data[s + 1 : s + T + 1] for s in starts.tolist()])
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=use_bf16):
        logits = model(x)
    loss = F.cross_entropy(logits.float().view(-1, cfg.vocab_size), y.view(-1))
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    state["step"] += 1
    state["tokens"] += B * T
    recent.append(loss.item())
    window["steps"] += 1
    window["seconds"] += time.time() - t0

    if state["total_steps"] is None and window["seconds"] >= args.measure_seconds:
        # Choose the step count from the throughput of the first minute.
        timing["step_s"] = window["seconds"] / window["steps"]
        total_steps = state["total_steps"] = fitting_steps()
        log({"step": state["step"], "measured_steps_per_s": round(1 / timing["step_s"], 3),
             "measured_tokens_per_s": round(B * T / timing["step_s"]), "total_steps": total_steps})
        window = {"steps": 0, "seconds": 0.0}

    if state["step"] % 50 == 0:
        log({"step": state["step"], "train_loss": round(sum(recent) / len(recent), 4), "lr": round(lr, 6),
             "tokens": state["tokens"]})
        recent = []
    if state["step"] % args.eval_every == 0 and state["step"] < total_steps:
        log({"step": state["step"], "heldout_loss": round(timed_eval(args.eval_batches), 4)})
    if state["step"] % args.ckpt_every == 0:
        save()
        # Other processes share the CPU: re-fit the schedule to the pace of the last 100 steps, moving
        # the end by at most 15% at a time so the learning rate changes smoothly.
        if state["total_steps"] is not None and not args.steps and window["steps"] >= 50:
            timing["step_s"] = window["seconds"] / window["steps"]
            fits = fitting_steps()
            new_total = max(state["step"] + 20, min(int(total_steps * 1.15), max(int(total_steps * 0.85), fits)))
            if new_total != total_steps:
                total_steps = state["total_steps"] = new_total
                log({"step": state["step"], "pace_tokens_per_s": round(B * T / timing["step_s"]), "total_steps": total_steps})
            window = {"steps": 0, "seconds": 0.0}
    if state["elapsed"] + time.time() - session_start > args.budget_minutes * 60 - 40:
        log({"step": state["step"], "stopped_early": "wall-clock budget reached", "total_steps": total_steps})
        break

save()
final = evaluate()
elapsed = state["elapsed"] + time.time() - session_start
summary = {
    "step": state["step"], "final": True, "heldout_loss": round(final, 4), "heldout_perplexity": round(math.exp(final), 2),
    "heldout_tokens": n_windows * T, "tokens_seen": state["tokens"], "epochs": round(state["tokens"] / train_data.numel(), 3),
    "wall_s": round(elapsed, 1), "tokens_per_s": round(state["tokens"] / elapsed),
    "parameters": model.num_parameters(), "bf16": use_bf16, "batch": B, "context": T, "lr": args.lr,
    "warmup": args.warmup, "min_lr_ratio": args.min_lr_ratio, "weight_decay": args.weight_decay, "seed": args.seed,
}
log(summary)
torch.save({"model": model.state_dict(), "config": cfg.to_dict(), "summary": summary}, os.path.join(RUN, "final.pt"))
with open(os.path.join(RUN, "summary.json"), "w") as f:
    json.dump(summary, f, indent=2)
print("done", flush=True)
