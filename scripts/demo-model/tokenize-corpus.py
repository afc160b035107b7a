"""Tokenizes work/{train,heldout}.jsonl with the trained tokenizer into work/{train,heldout}.bin
(uint16 token ids, documents joined with <|endoftext|>) and computes the unigram baseline.

  /usr/bin/python3 scripts/demo-model/tokenize-corpus.py
"""
import json
import math
import os
import time

import numpy as np

from bpe import ByteLevelBPE

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
WORK = os.path.join(HERE, "work")

tok = ByteLevelBPE.load(os.path.join(ROOT, "packages", "demo-model", "tokenizer.json"))
stats = {}
for split in ("train", "heldout"):
    start = time.time()
    ids = []
    chars = 0
    with open(os.path.join(WORK, f"{split}.jsonl"), encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            chars += len(text)
            ids.extend(tok.encode(text))
            ids.append(tok.eos_id)
    arr = np.array(ids, dtype=np.uint16)
    arr.tofile(os.path.join(WORK, f"{split}.bin"))
    stats[split] = {"tokens": int(arr.size), "chars": chars, "chars_per_token": chars / arr.size}
    print(f"{split}: {arr.size} tokens ({chars / arr.size:.2f} chars/token) in {time.time() - start:.1f}s")

# Unigram baseline: held-out cross-entropy under the train split's token frequencies (add-one smoothed).
vocab_size = len(tok.vocab)
train = np.fromfile(os.path.join(WORK, "train.bin"), dtype=np.uint16)
heldout = np.fromfile(os.path.join(WORK, "heldout.bin"), dtype=np.uint16)
counts = np.bincount(train, minlength=vocab_size).astype(np.float64) + 1.0
logp = np.log(counts / counts.sum())
unigram = float(-logp[heldout].mean())
stats["vocab_size"] = vocab_size
stats["uniform_loss"] = math.log(vocab_size)
stats["unigram_loss"] = unigram
stats["unigram_perplexity"] = math.exp(unigram)
with open(os.path.join(WORK, "tokens.json"), "w") as f:
    json.dump(stats, f, indent=2)
print(f"uniform loss {math.log(vocab_size):.4f} (ppl {vocab_size}); unigram loss {unigram:.4f} (ppl {math.exp(unigram):.1f})")
