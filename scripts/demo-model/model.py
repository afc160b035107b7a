"""The demo LM: a GPT-2 style decoder (pre-LayerNorm, learned positions, GELU MLP, tied embeddings).

Module names follow GPT-2 / TransformerLens (`wte`, `wpe`, `blocks.{i}.{ln_1,attn,ln_2,mlp}`, `ln_f`)
so the ONNX export has the scopes `/blocks.{i}/`; the only `Add` nodes directly in a block's scope
are its two residual additions, and the second one is `blocks.{i}.hook_resid_post`.
"""
import math
from dataclasses import asdict, dataclass

import torch
import torch.nn as nn
import torch.nn.functional as F

MASK_VALUE = -1e9  # finite, so a query whose keys are all padding gives a uniform row, not NaN


@dataclass
class GPTConfig:
    vocab_size: int = 4096
    n_positions: int = 128
    n_embd: int = 256
    n_layer: int = 4
    n_head: int = 4
    layer_norm_epsilon: float = 1e-5

    def to_dict(self):
        return asdict(self)


class Attention(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.n_head = cfg.n_head
        self.head_dim = cfg.n_embd // cfg.n_head
        self.c_attn = nn.Linear(cfg.n_embd, 3 * cfg.n_embd)
        self.c_proj = nn.Linear(cfg.n_embd, cfg.n_embd)

    def forward(self, x, mask_bias):
        # x [B, T, C]; mask_bias [B, 1, T, T] additive (0 where attending is allowed)
        b, t, c = x.shape
        q, k, v = self.c_attn(x).split(c, dim=2)
        q = q.view(b, t, self.n_head, self.head_dim).transpose(1, 2)
        k = k.view(b, t, self.n_head, self.head_dim).transpose(1, 2)
        v = v.view(b, t, self.n_head, self.head_dim).transpose(1, 2)
        scores = torch.matmul(q, k.transpose(-2, -1)) * (1.0 / math.sqrt(self.head_dim))
        weights = torch.softmax(scores.float() + mask_bias, dim=-1).to(v.dtype)
        y = torch.matmul(weights, v).transpose(1, 2).reshape(b, t, c)
        return self.c_proj(y)


class MLP(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.c_fc = nn.Linear(cfg.n_embd, 4 * cfg.n_embd)
        self.act = nn.GELU()
        self.c_proj = nn.Linear(4 * cfg.n_embd, cfg.n_embd)

    def forward(self, x):
        return self.c_proj(self.act(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.ln_1 = nn.LayerNorm(cfg.n_embd, eps=cfg.layer_norm_epsilon)
        self.attn = Attention(cfg)
        self.ln_2 = nn.LayerNorm(cfg.n_embd, eps=cfg.layer_norm_epsilon)
        self.mlp = MLP(cfg)

    def forward(self, x, mask_bias):
        x = x + self.attn(self.ln_1(x), mask_bias)
        x = x + self.mlp(self.ln_2(x))
        return x


class GPT(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.n_embd)
        self.wpe = nn.Embedding(cfg.n_positions, cfg.n_embd)
        self.blocks = nn.ModuleList([Block(cfg) for _ in range(cfg.n_layer)])
        self.ln_f = nn.LayerNorm(cfg.n_embd, eps=cfg.layer_norm_epsilon)
        causal = torch.tril(torch.ones(cfg.n_positions, cfg.n_positions, dtype=torch.bool))
        self.register_buffer("causal", causal.view(1, 1, cfg.n_positions, cfg.n_positions), persistent=False)
        self.apply(self._init)
        for name, p in self.named_parameters():
            if name.endswith("c_proj.weight"):
                nn.init.normal_(p, mean=0.0, std=0.02 / math.sqrt(2 * cfg.n_layer))

    @staticmethod
    def _init(module):
        if isinstance(module, nn.Linear):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)
            nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def forward(self, input_ids, attention_mask=None):
        """input_ids [B, T] int64; attention_mask [B, T] (1 = token, 0 = padding, applied to keys).
        Returns logits [B, T, vocab] (float32)."""
        t = input_ids.shape[1]
        positions = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.wte(input_ids) + self.wpe(positions)
        allowed = self.causal[:, :, :t, :t]
        if attention_mask is not None:
            allowed = allowed & attention_mask[:, None, None, :].to(torch.bool)
        mask_bias = torch.zeros(allowed.shape, dtype=torch.float32).masked_fill(~allowed, MASK_VALUE)
        for block in self.blocks:
            x = block(x, mask_bias)
        x = self.ln_f(x)
        return F.linear(x, self.wte.weight).float()

    def num_parameters(self):
        return sum(p.numel() for p in self.parameters())


def load_trained(path):
    """The trained model from a checkpoint written by train.py, in eval mode, with its config."""
    ckpt = torch.load(path)
    cfg = GPTConfig(**ckpt["config"])
    model = GPT(cfg)
    model.load_state_dict(ckpt["model"])
    model.eval()
    return model, cfg
