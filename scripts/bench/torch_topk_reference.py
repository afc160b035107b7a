#!/usr/bin/env python3
"""PyTorch reference for `npm run bench:train`: one TopK SAE training step the way SAELens does it.

Dense, as SAELens' TopK SAE trains:
  pre   = (x - b_dec) @ W_enc + b_enc
  z     = zeros[B, width].scatter(-1, topk(pre).indices, ReLU(topk(pre).values))
  x_hat = z @ W_dec + b_dec
  loss  = mean over rows of ||x_hat - x||^2          (SAELens: MSE, summed over d_in, mean over batch)
  loss.backward()
  remove the gradient component parallel to each decoder row (remove_gradient_parallel_to_decoder_directions)
  Adam step (betas 0.9/0.999, SAELens defaults)
  renormalise decoder rows to unit norm (set_decoder_norm_to_unit_norm)

Meant for Debian's python3-torch (run it with /usr/bin/python3). Times `--steps` steps after
`--warmup` untimed ones on the same batch shapes and prints one JSON object on stdout.
Exit code 3 (and a line on stderr) when torch cannot be imported.
"""
import argparse
import json
import os
import sys
import time


def loaded_blas():
    """Shared libraries mapped into this process that look like a BLAS (what actually ran)."""
    found = set()
    try:
        with open('/proc/self/maps', encoding='utf-8') as maps:
            for line in maps:
                parts = line.split()
                if len(parts) < 6:
                    continue
                path = parts[-1]
                name = os.path.basename(path).lower()
                if any(tag in name for tag in ('blas', 'lapack', 'mkl_', 'libmkl', 'blis', 'atlas')):
                    found.add(f'{path} -> {os.path.realpath(path)}' if os.path.realpath(path) != path else path)
    except OSError:
        pass
    return sorted(found)


def openblas_core():
    """The kernel set OpenBLAS picked (its DYNAMIC_ARCH detection, or OPENBLAS_CORETYPE), if OpenBLAS is loaded."""
    import ctypes
    for entry in loaded_blas():
        path = entry.split(' -> ')[-1]
        if 'openblas' not in os.path.basename(path).lower():
            continue
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename.restype = ctypes.c_char_p
            return lib.openblas_get_corename().decode()
        except (OSError, AttributeError):
            return None
    return None


def timed(run):
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--d-in', type=int, default=512)
    parser.add_argument('--width', type=int, default=8192)
    parser.add_argument('--k', type=int, default=32)
    parser.add_argument('--batch', type=int, default=4096)
    parser.add_argument('--steps', type=int, default=5)
    parser.add_argument('--warmup', type=int, default=2)
    parser.add_argument('--lr', type=float, default=2e-4)
    parser.add_argument('--seed', type=int, default=0)
    args = parser.parse_args()

    try:
        import torch
    except ImportError as error:  # python3-torch not installed
        print(f'torch is not importable by {sys.executable}: {error}; install it with `apt-get install python3-torch`',
              file=sys.stderr)
        return 3

    threads = int(os.environ.get('OMP_NUM_THREADS', '0')) or os.cpu_count() or 1
    torch.set_num_threads(threads)
    torch.manual_seed(args.seed)
    d_in, width, k, batch = args.d_in, args.width, args.k, args.batch

    # Data: sparse combinations of random directions plus noise (like the TypeScript benchmark).
    directions = torch.randn(1024, d_in) / d_in ** 0.5
    def make_batch():
        picks = torch.randint(0, 1024, (batch, 16))
        magnitudes = torch.rand(batch, 16, 1) * 2
        return (directions[picks] * magnitudes).sum(1) + 0.05 * torch.randn(batch, d_in)
    batches = [make_batch() for _ in range(2)]

    # Parameters, initialised like SAELens: W_dec rows unit norm, W_enc = W_dec^T, biases zero.
    W_dec = torch.randn(width, d_in)
    W_dec /= W_dec.norm(dim=-1, keepdim=True)
    W_dec = torch.nn.Parameter(W_dec)
    W_enc = torch.nn.Parameter(W_dec.detach().t().clone().contiguous())
    b_enc = torch.nn.Parameter(torch.zeros(width))
    b_dec = torch.nn.Parameter(torch.zeros(d_in))
    optimiser = torch.optim.Adam([W_enc, b_enc, W_dec, b_dec], lr=args.lr, betas=(0.9, 0.999))

    def encode(x):
        hidden_pre = (x - b_dec) @ W_enc + b_enc
        top = torch.topk(hidden_pre, k, dim=-1)
        values = torch.relu(top.values)
        return torch.zeros_like(hidden_pre).scatter(-1, top.indices, values)

    def decode(z):
        return z @ W_dec + b_dec

    def step(x):
        optimiser.zero_grad(set_to_none=True)
        z = encode(x)
        x_hat = decode(z)
        loss = (x_hat - x).pow(2).sum(dim=-1).mean()
        loss.backward()
        with torch.no_grad():
            # remove_gradient_parallel_to_decoder_directions (SAELens)
            parallel = (W_dec.grad * W_dec.data).sum(-1, keepdim=True)
            W_dec.grad -= parallel * W_dec.data
        optimiser.step()
        with torch.no_grad():
            # set_decoder_norm_to_unit_norm (SAELens)
            W_dec.data /= torch.norm(W_dec.data, dim=-1, keepdim=True)
        return loss.item()

    # The raw encoder product in torch alone, for context (best of 3 after one warm-up).
    x0, w0 = batches[0], W_enc.detach()
    x0 @ w0
    matmul_s = min(timed(lambda: x0 @ w0) for _ in range(3))

    for i in range(args.warmup):
        step(batches[i % 2])
    times = []
    losses = []
    for i in range(args.steps):
        start = time.perf_counter()
        losses.append(step(batches[i % 2]))
        times.append(time.perf_counter() - start)

    total = sum(times)
    print(json.dumps({
        'tokens_per_second': batch * args.steps / total,
        'best_step_tokens_per_second': batch / min(times),
        'step_ms': [round(t * 1000, 1) for t in times],
        'mean_step_ms': total * 1000 / args.steps,
        'loss_first': losses[0],
        'loss_last': losses[-1],
        'torch': torch.__version__,
        'python': sys.executable,
        'threads': torch.get_num_threads(),
        'omp_wait_policy': os.environ.get('OMP_WAIT_POLICY'),
        'blas_info': torch.__config__.show().split('BLAS_INFO=')[1].split(',')[0]
        if 'BLAS_INFO=' in torch.__config__.show() else None,
        'openblas_core': openblas_core(),
        'openblas_coretype_env': os.environ.get('OPENBLAS_CORETYPE'),
        'encoder_matmul_gflops': 2 * batch * d_in * width / matmul_s / 1e9,
        'encoder_matmul_ms': matmul_s * 1000,
        'blas_libraries': loaded_blas(),
        'shape': {'d_in': d_in, 'width': width, 'k': k, 'batch': batch},
        'warmup_steps': args.warmup,
        'steps': args.steps,
    }))
    return 0


if __name__ == '__main__':
    sys.exit(main())
