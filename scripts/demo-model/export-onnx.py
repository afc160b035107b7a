"""Exports the trained demo LM to packages/demo-model/onnx/model.onnx (opset 17) and writes config.json,
plus a reference batch (work/check-*.{json,bin}) for verify-onnx.ts to compare onnxruntime-node against.

  /usr/bin/python3 scripts/demo-model/export-onnx.py [--checkpoint scripts/demo-model/work/final.pt]
  # the second demo model (issue 12): trained with --run b, written beside the first with the same tokenizer
  /usr/bin/python3 scripts/demo-model/export-onnx.py --run b --out packages/demo-model/b
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "2")
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import argparse
import json
import re
import shutil

import numpy as np
import onnx
import torch

from bpe import EOS, ByteLevelBPE
from model import load_trained

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
WORK = os.path.join(HERE, "work")
OUT = os.path.join(ROOT, "packages", "demo-model")

parser = argparse.ArgumentParser()
parser.add_argument("--run", default="", help="work/ sub-folder of the run (train.py --run): its final.pt and reference batch")
parser.add_argument("--checkpoint", default=None, help="default: work/<run>/final.pt")
parser.add_argument("--out", default=OUT, help="model folder to write (the tokenizer is copied there when it is not the first model's)")
args = parser.parse_args()
RUN = os.path.join(WORK, args.run)
args.checkpoint = args.checkpoint or os.path.join(RUN, "final.pt")
TOKENIZER_DIR = OUT
OUT = os.path.abspath(args.out)
os.makedirs(OUT, exist_ok=True)
if OUT != TOKENIZER_DIR:
    for name in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(os.path.join(TOKENIZER_DIR, name), os.path.join(OUT, name))

torch.set_num_threads(2)
model, cfg = load_trained(args.checkpoint)
tok = ByteLevelBPE.load(os.path.join(TOKENIZER_DIR, "tokenizer.json"))
eos_id = tok.vocab[EOS]

# config.json: Hugging Face GPT-2 keys + where the hooks live in the ONNX graph.
config = {
    "model_type": "gpt2",
    "architectures": ["GPT2LMHeadModel"],
    "n_layer": cfg.n_layer,
    "n_embd": cfg.n_embd,
    "n_head": cfg.n_head,
    "n_inner": 4 * cfg.n_embd,
    "n_positions": cfg.n_positions,
    "n_ctx": cfg.n_positions,
    "vocab_size": cfg.vocab_size,
    "activation_function": "gelu",
    "layer_norm_epsilon": cfg.layer_norm_epsilon,
    "tie_word_embeddings": True,
    "bos_token_id": eos_id,
    "eos_token_id": eos_id,
    "resid_pdrop": 0.0,
    "embd_pdrop": 0.0,
    "attn_pdrop": 0.0,
    "feature_atlas": {"hook_scope": "/blocks.{layer}/"},
}
with open(os.path.join(OUT, "config.json"), "w") as f:
    json.dump(config, f, indent=2)
    f.write("\n")

# Export (fp32). No constant folding: the tied embedding stays one initializer.
os.makedirs(os.path.join(OUT, "onnx"), exist_ok=True)
path = os.path.join(OUT, "onnx", "model.onnx")
dummy_ids = torch.randint(0, cfg.vocab_size, (2, 16))
dummy_mask = torch.ones(2, 16, dtype=torch.int64)
torch.onnx.export(
    model,
    (dummy_ids, dummy_mask),
    path,
    opset_version=17,
    do_constant_folding=False,
    input_names=["input_ids", "attention_mask"],
    output_names=["logits"],
    dynamic_axes={
        "input_ids": {0: "batch", 1: "sequence"},
        "attention_mask": {0: "batch", 1: "sequence"},
        "logits": {0: "batch", 1: "sequence"},
    },
)
m = onnx.load(path)
onnx.checker.check_model(m)
names = [n.name for n in m.graph.node]
for layer in range(cfg.n_layer):
    adds = [n for n in names if re.fullmatch(rf"/blocks\.{layer}/Add(_\d+)?", n)]
    assert len(adds) == 2, (layer, adds)
    print(f"blocks.{layer}: residual adds {adds} -> hook_resid_post = {adds[-1]}")
ops = sorted({n.op_type for n in m.graph.node})
print(f"{path}: {os.path.getsize(path)} bytes, {len(m.graph.initializer)} initializers, ops {ops}")
print("inputs", [i.name for i in m.graph.input], "outputs", [o.name for o in m.graph.output])

# Reference batch for verify-onnx.ts: held-out windows, the last row right-padded (mask 0).
heldout = np.fromfile(os.path.join(WORK, "heldout.bin"), dtype=np.uint16).astype(np.int64)
B, T = 4, cfg.n_positions
ids = torch.from_numpy(heldout[1000 : 1000 + B * T].reshape(B, T).copy())
mask = torch.ones(B, T, dtype=torch.int64)
mask[-1, 100:] = 0
ids[-1, 100:] = eos_id
with torch.no_grad():
    logits = model(ids, mask).numpy().astype(np.float32)
logits.tofile(os.path.join(RUN, "check-logits.bin"))
with open(os.path.join(RUN, "check-inputs.json"), "w") as f:
    json.dump({"batch": B, "sequence": T, "input_ids": ids.flatten().tolist(), "attention_mask": mask.flatten().tolist()}, f)
print(f"reference batch {B}x{T} written to {RUN}")
