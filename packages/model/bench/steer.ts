/**
 * Steering latency: wall time for `newTokens` new tokens (greedy), baseline vs steered, with the
 * KV cache and with a full re-forward per token where the graph has a cache. Runs the demo LM
 * (no cache in its export) and a LLaMA-style model with a cache built in code at a comparable size.
 *
 *   npx tsx packages/model/bench/steer.ts [modelDir=packages/demo-model] [newTokens=32] [runs=5]
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadLanguageModel, type GenerateOptions, type LanguageModel } from '../src/index.ts';
import { writeTinyLlama } from '../test/support/tiny-llama.ts';

export interface SteerCase {
  label: string;
  options: GenerateOptions;
}

export interface SteerResult {
  label: string;
  medianMs: number;
  tokensPerSecond: number;
}

/** Baseline and steered (the middle block's resid_post, α = 4 along a fixed direction), each with and without the cache where there is one. */
export function steerCases(model: LanguageModel, newTokens: number): SteerCase[] {
  const hook = `blocks.${Math.floor((model.layerCount - 1) / 2)}.hook_resid_post`;
  const direction = Float32Array.from({ length: model.dModel }, (_, i) => Math.sin(i + 1) / Math.sqrt(model.dModel / 2));
  const base: GenerateOptions = { maxNewTokens: newTokens, stopAtEos: false };
  const steered: GenerateOptions = { ...base, steering: [{ hook, direction, strength: 4 }] };
  const cases: SteerCase[] = [
    { label: 'baseline', options: base },
    { label: `steered (${hook})`, options: steered },
  ];
  if (!model.hasKvCache) return cases.map((c) => ({ ...c, label: `${c.label}, re-forward per token` }));
  return [
    ...cases.map((c) => ({ ...c, label: `${c.label}, KV cache` })),
    ...cases.map((c) => ({ label: `${c.label}, re-forward per token`, options: { ...c.options, useCache: false } })),
  ];
}

export async function benchSteering(
  model: LanguageModel,
  { newTokens = 32, runs = 5, prompt = 'The president said that the nation' } = {},
): Promise<SteerResult[]> {
  const cases = steerCases(model, newTokens);
  for (const c of cases) await model.generate(prompt, c.options); // sessions + warm-up
  const times: number[][] = cases.map(() => []);
  for (let i = 0; i < runs; i++) {
    // Round-robin, so load from other processes falls on every case alike.
    for (const [index, c] of cases.entries()) {
      const start = performance.now();
      await model.generate(prompt, c.options);
      times[index]!.push(performance.now() - start);
    }
  }
  return cases.map((c, index) => {
    const medianMs = times[index]!.sort((a, b) => a - b)[Math.floor(runs / 2)]!;
    return { label: c.label, medianMs, tokensPerSecond: newTokens / (medianMs / 1000) };
  });
}

/** A LLaMA-style model with a KV cache near the demo LM's size (4 blocks, d_model 256, context 128), written to a temp folder. */
export function writeBenchLlama(): { dir: string } {
  return writeTinyLlama({ layerCount: 4, dModel: 256, headCount: 8, kvHeadCount: 2, dMlp: 704, contextLength: 128 });
}

export function formatSteerResults(results: SteerResult[]): string {
  return results
    .map((r) => `${r.label.padEnd(60)} ${r.medianMs.toFixed(1).padStart(8)} ms  ${r.tokensPerSecond.toFixed(0).padStart(6)} tok/s`)
    .join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'packages/demo-model', newTokens = '32', runs = '5'] = process.argv.slice(2);
  const settings = { newTokens: Number(newTokens), runs: Number(runs) };
  const model = await loadLanguageModel(dir);
  console.log(`${dir}: ${newTokens} new tokens, greedy, median of ${runs} runs\n${formatSteerResults(await benchSteering(model, settings))}`);
  await model.dispose();
  const llama = writeBenchLlama();
  const cached = await loadLanguageModel(llama.dir);
  console.log(`\nLLaMA-style, built in code (4 × d256, GQA 8/2, context 128):\n${formatSteerResults(await benchSteering(cached, settings))}`);
  await cached.dispose();
  rmSync(llama.dir, { recursive: true, force: true });
}
