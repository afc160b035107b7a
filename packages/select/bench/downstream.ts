import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FINETUNE = fileURLToPath(new URL('../../../scripts/demo-model/finetune.py', import.meta.url));

export interface FinetuneSettings {
  steps: number;
  batch: number;
  seqLen: number;
  lr: number;
  warmup: number;
  seed: number;
}

export const DEFAULT_FINETUNE: FinetuneSettings = { steps: 40, batch: 8, seqLen: 64, lr: 3e-4, warmup: 4, seed: 0 };

export interface FinetuneRun {
  /** Method name (`mona`, `random`, `full pool`, …). */
  name: string;
  task: string;
  /** Token ids of each training sample. */
  train: number[][];
}

export interface FinetuneResult {
  task: string;
  run: string;
  loss: number;
  trainTokens?: number;
  seconds?: number;
}

/**
 * Fine-tunes the demo LM once per run (PyTorch, scripts/demo-model/finetune.py: same weights,
 * seed, steps and schedule for every run) and returns each run's loss on its task's held-out
 * examples, plus each task's loss before fine-tuning (`run: 'base'`).
 */
export async function finetuneAndEvaluate(
  workDir: string,
  settings: FinetuneSettings,
  eosId: number,
  heldOut: Record<string, number[][]>,
  runs: FinetuneRun[],
  onResult: (result: FinetuneResult) => void,
): Promise<FinetuneResult[]> {
  await mkdir(workDir, { recursive: true });
  const input = path.join(workDir, 'finetune-input.json');
  await writeFile(input, JSON.stringify({ ...settings, eosId, heldOut, runs }));
  const results: FinetuneResult[] = [];
  await new Promise<void>((resolve, reject) => {
    const child = spawn('/usr/bin/python3', [FINETUNE, input], {
      cwd: path.dirname(FINETUNE),
      env: { ...process.env, OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? '2', OMP_WAIT_POLICY: 'PASSIVE' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        if (!line) continue;
        const result = JSON.parse(line) as FinetuneResult;
        results.push(result);
        onResult(result);
      }
    });
    child.on('error', (error) => reject(new Error(`Could not start /usr/bin/python3 (Debian's python3-torch is needed for the downstream benchmark): ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`finetune.py exited with status ${code}`))));
  });
  return results;
}
