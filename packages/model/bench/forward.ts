/**
 * Tokens/s of a model's forward pass: logits only, logits + the last block's resid_post, and
 * hook-only runs (the graph pruned after the hook).
 *
 *   npx tsx packages/model/bench/forward.ts [modelDir=packages/demo-model] [batch=16] [seqLen=128] [runs=5]
 */
import { fileURLToPath } from 'node:url';
import { loadLanguageModel, type LanguageModel, type RunRequest } from '../src/index.ts';

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
  const results: BenchResult[] = [];
  for (const benchCase of cases) {
    const request: RunRequest = { inputIds, batch, seqLen, hooks: benchCase.hooks, logits: benchCase.logits };
    await model.run(request); // session creation + warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      await model.run(request);
      times.push(performance.now() - start);
    }
    const medianMs = times.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    results.push({ ...benchCase, medianMs, tokensPerSecond: (batch * seqLen) / (medianMs / 1000) });
  }
  return results;
}

export function formatResults(results: BenchResult[]): string {
  return results
    .map((r) => `${r.label.padEnd(40)} ${r.medianMs.toFixed(1).padStart(8)} ms  ${Math.round(r.tokensPerSecond).toString().padStart(7)} tok/s`)
    .join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'packages/demo-model', batch = '16', seqLen = '128', runs = '5'] = process.argv.slice(2);
  const model = await loadLanguageModel(dir);
  const results = await benchForward(model, { batch: Number(batch), seqLen: Number(seqLen), runs: Number(runs) });
  console.log(`${dir}: batch ${batch} × ${seqLen}, median of ${runs} runs\n${formatResults(results)}`);
  await model.dispose();
}
