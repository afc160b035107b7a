"""Reads a JSON list of texts on stdin, writes the Python tokenizer's ids for each as JSON on stdout.
Used by verify-tokenizer.ts to compare against @huggingface/transformers."""
import json
import os
import sys

from bpe import ByteLevelBPE

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "packages", "demo-model", "tokenizer.json")
tok = ByteLevelBPE.load(path)
texts = json.load(sys.stdin)
json.dump([tok.encode(t) for t in texts], sys.stdout)
