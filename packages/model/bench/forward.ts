/**
 * Tokens/s of a model's forward pass: logits only, logits + the last block's resid_post, and
 * hook-only runs (the graph pruned after the hook).
 *
 *   npx tsx packages/model/bench/forward.ts [modelDir=packages/demo-model] [batch=16] [seqLen=128] [runs=5]
 *
 * `modelDir` = `llama` runs a LLaMA-style model built in code instead (4 × d256, GQA 8/2, context 128).
 */
import { fileURLToPath } from 'node:url';
import { rmSync } from 'node:fs';
import { loadLanguageModel, type LanguageModel, type RunRequest } from '../src/index.ts';
import { writeBenchLlama } from './steer.ts';

export interface BenchCase {
  label: string;
  hooks: string[];
  logits: boolean;
}

export interface BenchResult extends BenchCase {
  tokensPerSecond: number;
  medianMs: number;
}

export function defaultCases(model: LanguageModel): BenchCase[] {
  const last = model.layerCount - 1;
  const middle = Math.floor(last / 2);
  return [
    { label: 'plain forward (logits)', hooks: [], logits: true },
    { label: `logits + blocks.${last}.hook_resid_post`, hooks: [`blocks.${last}.hook_resid_post`], logits: true },
    { label: `blocks.${last}.hook_resid_post only`, hooks: [`blocks.${last}.hook_resid_post`], logits: false },
    { label: `blocks.${middle}.hook_resid_post only`, hooks: [`blocks.${middle}.hook_resid_post`], logits: false },
  ];
}

export async function benchForward(
  model: LanguageModel,
  { batch = 16, seqLen = 128, runs = 5, cases = defaultCases(model) } = {},
): Promise<BenchResult[]> {
  const inputIds = Int32Array.from({ length: batch * seqLen }, (_, i) => (i * 7919) % (model.vocabSize - 1));
  const requests: RunRequest[] = cases.map((c) => ({ inputIds, batch, seqLen, hooks: c.hooks, logits: c.logits }));
  for (const request of requests) await model.run(request); // session creation + warm-up
  // Round-robin, so load from other processes falls on every case alike.
  const times: number[][] = cases.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [c, request] of requests.entries()) {
      const start = performance.now();
      await model.run(request);
      times[c]!.push(performance.now() - start);
    }
  }
  const results = cases.map((benchCase, c) => {
    const medianMs = times[c]!.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    return { ...benchCase, medianMs, tokensPerSecond: (batch * seqLen) / (medianMs / 1000) };
  });
  return results;
}

export function formatResults(results: BenchResult[]): string {
  return results
    .map((r) => `${r.label.padEnd(40)} ${r.medianMs.toFixed(1).padStart(8)} ms  ${Math.round(r.tokensPerSecond).toString().padStart(7)} tok/s`)
    .join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'packages/demo-model', batch = '16', seqLen = '128', runs = '5'] = process.argv.slice(2);
  const llama = dir === 'llama' ? writeBenchLlama() : undefined;
  const model = await loadLanguageModel(llama?.dir ?? dir);
  const results = await benchForward(model, { batch: Number(batch), seqLen: Number(seqLen), runs: Number(runs) });
  console.log(`${dir}: batch ${batch} × ${seqLen}, median of ${runs} runs\n${formatResults(results)}`);
  await model.dispose();
  if (llama) rmSync(llama.dir, { recursive: true, force: true });
}
