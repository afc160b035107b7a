import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSafetensors, writeSafetensors } from '@atlas/safetensors';
import { mulberry32 } from '@atlas/random';
import { CHECKPOINT_FILE } from '@atlas/sae';
import { atlasBin } from '@atlas/cli/testing';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * Runs `atlas …`; with `killWhenExists`, SIGKILLs it as soon as that file appears (the first
 * checkpoint), as a crash or Ctrl-\ would.
 */
function atlas(args: string[], killWhenExists?: string): Promise<{ code: number | null; output: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [atlasBin, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const poll = killWhenExists
      ? setInterval(() => {
          if (!killed && existsSync(killWhenExists)) {
            killed = true;
            child.kill('SIGKILL');
          }
        }, 5)
      : undefined;
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      resolve({ code, output, killed });
    });
  });
}

/** Sparse combinations of 64 random directions in 32 dimensions. */
function activations(rows: number, dIn: number): Float32Array {
  const uniform = mulberry32(3);
  const directions = Float32Array.from({ length: 64 * dIn }, () => uniform() - 0.5);
  const data = new Float32Array(rows * dIn);
  for (let i = 0; i < rows; i++) {
    for (let a = 0; a < 4; a++) {
      const f = Math.floor(uniform() * 64);
      const magnitude = uniform() * 2;
      for (let d = 0; d < dIn; d++) data[i * dIn + d] = data[i * dIn + d]! + magnitude * directions[f * dIn + d]!;
    }
  }
  return data;
}

describe('atlas train, killed mid-run', () => {
  it('continues from its checkpoint when the same command runs again, ending with the same weights as an uninterrupted run', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-train-kill-'));
    const file = path.join(dir, 'acts.safetensors');
    const [rows, dIn] = [8192, 32];
    await writeSafetensors(file, { activations: { dtype: 'F32', shape: [rows, dIn], data: activations(rows, dIn) } });
    const train = (out: string) => [
      'train', '--activations', file, '--architecture', 'topk', '--width', '128', '--k', '4', '--epochs', '20',
      '--batch-size', '64', '--seed', '1', '--checkpoint-every', '40', '--normalize', 'expected_average_only_in', '--out', out,
    ];

    const clean = await atlas(train(path.join(dir, 'clean')));
    expect(clean.code, clean.output).toBe(0);
    expect(existsSync(path.join(dir, 'clean.checkpoints'))).toBe(false);

    const out = path.join(dir, 'sae');
    const checkpoint = path.join(`${out}.checkpoints`, CHECKPOINT_FILE);
    const interrupted = await atlas(train(out), checkpoint);
    expect(interrupted.killed).toBe(true);
    expect(existsSync(path.join(out, 'cfg.json'))).toBe(false);
    const { metadata } = await readSafetensors(checkpoint);
    const savedStep = JSON.parse(metadata.atlas_checkpoint!).step as number;
    expect(savedStep).toBeGreaterThanOrEqual(40);
    expect(savedStep).toBeLessThan(2560);

    const resumed = await atlas(train(out));
    expect(resumed.code, resumed.output).toBe(0);
    expect(resumed.output).toMatch(/Resuming from the checkpoint at step (\d+) of 2560/);
    expect(Number(/at step (\d+) of/.exec(resumed.output)![1])).toBeGreaterThanOrEqual(savedStep);
    expect(existsSync(`${out}.checkpoints`)).toBe(false);

    const weights = async (folder: string) => (await readSafetensors(path.join(folder, 'sae_weights.safetensors'))).tensors;
    const [a, b] = [await weights(path.join(dir, 'clean')), await weights(out)];
    for (const name of ['W_enc', 'b_enc', 'W_dec', 'b_dec']) {
      const bytes = (tensors: typeof a) => {
        const tensor = tensors[name];
        if (!tensor) throw new Error(`${name} is missing from the SAE weights`);
        return Buffer.from(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength);
      };
      expect(bytes(b).equals(bytes(a)), `${name} is bit-identical`).toBe(true);
    }
    const cfg = JSON.parse(readFileSync(path.join(out, 'cfg.json'), 'utf8'));
    expect(cfg.normalize_activations).toBe('expected_average_only_in');
    expect(cfg.metadata.atlas_activation_scale).toBeGreaterThan(0);
  }, 180_000);
});
