"""Trains the byte-level BPE tokenizer on the train split and writes tokenizer.json + tokenizer_config.json.

  /usr/bin/python3 scripts/demo-model/train-tokenizer.py [--vocab-size 4096] [--out packages/demo-model]
"""
import argparse
import json
import os
import time

from bpe import tokenizer_config, tokenizer_json, train_bpe

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))

parser = argparse.ArgumentParser()
parser.add_argument("--vocab-size", type=int, default=4096)
parser.add_argument("--context", type=int, default=128)
parser.add_argument("--train", default=os.path.join(HERE, "work", "train.jsonl"))
parser.add_argument("--out", default=os.path.join(ROOT, "packages", "demo-model"))
args = parser.parse_args()

start = time.time()
with open(args.train, encoding="utf-8") as f:
    texts = [json.loads(line)["text"] for line in f if line.strip()]
print(f"training BPE on {len(texts)} documents, vocab {args.vocab_size}")
vocab, merges = train_bpe(texts, args.vocab_size)
os.makedirs(args.out, exist_ok=True)
with open(os.path.join(args.out, "tokenizer.json"), "w", encoding="utf-8") as f:
    json.dump(tokenizer_json(vocab, merges), f, ensure_ascii=False, indent=1)
    f.write("\n")
with open(os.path.join(args.out, "tokenizer_config.json"), "w", encoding="utf-8") as f:
    json.dump(tokenizer_config(args.context), f, indent=2)
    f.write("\n")
print(f"vocab {len(vocab)} ({len(merges)} merges) written to {args.out} in {time.time() - start:.1f}s")
