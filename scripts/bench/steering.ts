import { rmSync } from 'node:fs';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel } from '@atlas/model';
import { benchSteering, writeBenchLlama, type SteerResult } from '@atlas/model/bench';

export interface SteeringFigures {
  model: string;
  newTokens: number;
  results: SteerResult[];
}

/** Steering latency for 32 new tokens: the demo LM (re-forward per token) and a LLaMA-style model with a KV cache. */
export async function benchmarkSteering(newTokens = 32, runs = 5): Promise<SteeringFigures[]> {
  const figures: SteeringFigures[] = [];
  const demo = await loadLanguageModel(demoModelDir);
  figures.push({ model: 'demo LM, no KV cache in its export', newTokens, results: await benchSteering(demo, { newTokens, runs }) });
  await demo.dispose();
  const llama = writeBenchLlama();
  const cached = await loadLanguageModel(llama.dir);
  figures.push({ model: 'LLaMA-style 4 × d256, GQA 8/2, built in code, with KV cache', newTokens, results: await benchSteering(cached, { newTokens, runs }) });
  await cached.dispose();
  rmSync(llama.dir, { recursive: true, force: true });
  return figures;
}
