"""Byte-level BPE (GPT-2 style): training, encoding, decoding and Hugging Face tokenizer.json I/O.

Token ids: 0..255 are the 256 bytes (id = byte value), then one id per merge result, and the
special `<|endoftext|>` takes the last id (vocab_size - 1).
"""
import heapq
import json
from collections import Counter

import regex

# GPT-2's pre-tokenizer pattern (the same one the Hugging Face ByteLevel pre-tokenizer uses).
GPT2_PATTERN = regex.compile(
    r"""'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"""
)
EOS = "<|endoftext|>"


def bytes_to_unicode():
    """GPT-2's reversible map from bytes to printable unicode characters."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, map(chr, cs)))


BYTE_ENCODER = bytes_to_unicode()
BYTE_DECODER = {c: b for b, c in BYTE_ENCODER.items()}


def pretokenize(text):
    return GPT2_PATTERN.findall(text)


def train_bpe(texts, vocab_size, log=print):
    """Learns merges from an iterable of texts. Returns (vocab: token string -> id, merges: [(a, b)])."""
    word_counts = Counter()
    for text in texts:
        word_counts.update(pretokenize(text))
    log(f"  {len(word_counts)} distinct pre-tokens, {sum(word_counts.values())} in all")

    id_to_token = [BYTE_ENCODER[b] for b in range(256)]
    token_to_id = {t: i for i, t in enumerate(id_to_token)}
    words = [list(w.encode("utf-8")) for w in word_counts]
    counts = list(word_counts.values())

    pair_counts = Counter()
    where = {}  # pair -> set of word indices that (may) contain it
    for i, (w, c) in enumerate(zip(words, counts)):
        for pair in zip(w, w[1:]):
            pair_counts[pair] += c
            where.setdefault(pair, set()).add(i)
    heap = [(-c, p) for p, c in pair_counts.items()]
    heapq.heapify(heap)

    merges = []
    target = vocab_size - 1  # the last id is the special token
    while len(id_to_token) < target and heap:
        negc, pair = heapq.heappop(heap)
        if pair_counts.get(pair, 0) != -negc or negc == 0:
            continue  # stale entry
        a, b = pair
        merged = id_to_token[a] + id_to_token[b]
        new_id = token_to_id.get(merged)
        if new_id is None:
            new_id = len(id_to_token)
            id_to_token.append(merged)
            token_to_id[merged] = new_id
        merges.append((id_to_token[a], id_to_token[b]))

        touched = set()
        for i in where.pop(pair, ()):
            w = words[i]
            c = counts[i]
            if not any(w[j] == a and w[j + 1] == b for j in range(len(w) - 1)):
                continue
            for p in zip(w, w[1:]):
                pair_counts[p] -= c
                touched.add(p)
            out = []
            j = 0
            while j < len(w):
                if j + 1 < len(w) and w[j] == a and w[j + 1] == b:
                    out.append(new_id)
                    j += 2
                else:
                    out.append(w[j])
                    j += 1
            words[i] = out
            for p in zip(out, out[1:]):
                pair_counts[p] += c
                touched.add(p)
                where.setdefault(p, set()).add(i)
        pair_counts.pop(pair, None)
        for p in touched:
            if p == pair:
                continue
            c = pair_counts.get(p, 0)
            if c > 0:
                heapq.heappush(heap, (-c, p))
            else:
                pair_counts.pop(p, None)
        if len(merges) % 500 == 0:
            log(f"  {len(merges)} merges, vocab {len(id_to_token)}")
    id_to_token.append(EOS)
    vocab = {t: i for i, t in enumerate(id_to_token)}
    return vocab, merges


class ByteLevelBPE:
    """Encoder applying merges by rank (lowest first, leftmost first), like Hugging Face's BPE model."""

    def __init__(self, vocab, merges):
        self.vocab = vocab
        self.id_to_token = {i: t for t, i in vocab.items()}
        self.ranks = {pair: r for r, pair in enumerate(merges)}
        self.merges = merges
        self.eos_id = vocab[EOS]
        self.cache = {}

    def _bpe(self, word):
        symbols = [BYTE_ENCODER[b] for b in word.encode("utf-8")]
        while len(symbols) > 1:
            best = None
            for j in range(len(symbols) - 1):
                r = self.ranks.get((symbols[j], symbols[j + 1]))
                if r is not None and (best is None or r < best[0]):
                    best = (r, j)
            if best is None:
                break
            a, b = self.merges[best[0]]
            out = []
            j = 0
            while j < len(symbols):
                if j + 1 < len(symbols) and symbols[j] == a and symbols[j + 1] == b:
                    out.append(a + b)
                    j += 2
                else:
                    out.append(symbols[j])
                    j += 1
            symbols = out
        return [self.vocab[s] for s in symbols]

    def encode(self, text):
        """Ids of a text; `<|endoftext|>` inside the text is the special token (as in Hugging Face)."""
        ids = []
        for k, part in enumerate(text.split(EOS)):
            if k:
                ids.append(self.eos_id)
            ids.extend(self._encode_ordinary(part))
        return ids

    def _encode_ordinary(self, text):
        ids = []
        for word in pretokenize(text):
            cached = self.cache.get(word)
            if cached is None:
                cached = self._bpe(word)
                if len(self.cache) < 500_000:
                    self.cache[word] = cached
            ids.extend(cached)
        return ids

    def decode(self, ids):
        text = "".join(self.id_to_token[i] for i in ids)
        special = text.split(EOS)
        return EOS.join(bytes(BYTE_DECODER[ch] for ch in part).decode("utf-8", errors="replace") for part in special)

    def token_strings(self, ids):
        return [self.id_to_token[i] for i in ids]

    @classmethod
    def load(cls, path):
        with open(path, encoding="utf-8") as f:
            tj = json.load(f)
        vocab = dict(tj["model"]["vocab"])
        for added in tj.get("added_tokens", []):
            vocab[added["content"]] = added["id"]
        merges = [tuple(m.split(" ")) if isinstance(m, str) else tuple(m) for m in tj["model"]["merges"]]
        return cls(vocab, merges)


def tokenizer_json(vocab, merges):
    eos_id = vocab[EOS]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [
            {
                "id": eos_id,
                "content": EOS,
                "single_word": False,
                "lstrip": False,
                "rstrip": False,
                "normalized": True,
                "special": True,
            }
        ],
        "normalizer": None,
        "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "post_processor": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": False, "use_regex": True},
        "decoder": {"type": "ByteLevel", "add_prefix_space": False, "trim_offsets": True, "use_regex": True},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": None,
            "continuing_subword_prefix": "",
            "end_of_word_suffix": "",
            "fuse_unk": False,
            "byte_fallback": False,
            "ignore_merges": False,
            "vocab": {t: i for t, i in sorted(vocab.items(), key=lambda kv: kv[1]) if t != EOS},
            "merges": [f"{a} {b}" for a, b in merges],
        },
    }


def tokenizer_config(model_max_length):
    return {
        "tokenizer_class": "GPT2Tokenizer",
        "model_max_length": model_max_length,
        "bos_token": EOS,
        "eos_token": EOS,
        "unk_token": EOS,
        "add_prefix_space": False,
        "add_bos_token": False,
        "clean_up_tokenization_spaces": False,
    }
