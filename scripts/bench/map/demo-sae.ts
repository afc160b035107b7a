import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadCorpus } from '@atlas/corpus';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel, packSequences, tokenizeDocuments } from '@atlas/model';
import { createTopKEncoder, loadSae, saveSaeLens, trainSae, type SaeWeights } from '@atlas/sae';

/** The demo atlas's recipe (apps/cli demo-atlas.ts): its hook, corpus, context length, SAE shape and seed. */
export const DEMO = { hook: 'blocks.2.hook_resid_post', corpus: 'demo-heldout', seqLen: 64, tokens: 327_680, width: 4096, k: 32, batchSize: 4096, seed: 0 } as const;

export interface DemoSae {
  sae: SaeWeights;
  /** Sparse codes of every extracted token: rows × k feature indices (values dropped: co-activation counts firing only). */
  codes: Int32Array;
  rows: number;
}

/**
 * The demo atlas's SAE trained for `epochs` passes (the demo builds with 8) on the demo recipe's
 * activations, and its codes on them. Cached under `dir` (SAELens folder + codes file).
 */
export async function demoSae(dir: string, epochs: number, log: (line: string) => void): Promise<DemoSae> {
  const saeDir = path.join(dir, `sae-${epochs}ep`);
  const codesFile = path.join(saeDir, 'codes.i32');
  if (existsSync(codesFile)) {
    const codes = new Int32Array((await readFile(codesFile)).buffer.slice(0));
    return { sae: await loadSae(saeDir), codes, rows: codes.length / DEMO.k };
  }
  const activations = await demoActivations(dir, log);
  const rows = activations.length / 256;
  log(`map bench: training the demo SAE for ${epochs} epochs on ${rows} tokens`);
  const { sae, metrics } = await trainSae({
    activations, rows, dIn: 256, architecture: 'topk', width: DEMO.width, k: DEMO.k,
    epochs, batchSize: DEMO.batchSize, seed: DEMO.seed, hookName: DEMO.hook, modelId: 'demo-lm',
  });
  log(`map bench: FVU ${metrics.fvu.toFixed(3)}, dead ${(100 * metrics.deadFraction).toFixed(1)}%`);
  await saveSaeLens(saeDir, sae, metrics);
  const encoder = await createTopKEncoder(sae);
  try {
    const { indices } = await encoder.encode(activations, rows);
    await writeFile(codesFile, Buffer.from(indices.buffer, indices.byteOffset, indices.byteLength));
    return { sae, codes: indices, rows };
  } finally {
    await encoder.close();
  }
}

async function demoActivations(dir: string, log: (line: string) => void): Promise<Float32Array> {
  const file = path.join(dir, 'activations.f32');
  if (existsSync(file)) return new Float32Array((await readFile(file)).buffer.slice(0));
  const model = await loadLanguageModel(demoModelDir);
  const { documents } = await loadCorpus(DEMO.corpus);
  const contexts = DEMO.tokens / DEMO.seqLen;
  const rows = new Float32Array(DEMO.tokens * model.dModel);
  log(`map bench: extracting ${DEMO.tokens} tokens of ${DEMO.corpus} at ${DEMO.hook}`);
  let filled = 0;
  const batch: Int32Array[] = [];
  const flush = async () => {
    const inputIds = new Int32Array(batch.length * DEMO.seqLen);
    batch.forEach((tokens, i) => inputIds.set(tokens, i * DEMO.seqLen));
    const { activations } = await model.run({ inputIds, batch: batch.length, seqLen: DEMO.seqLen, hooks: [DEMO.hook] });
    rows.set(activations[DEMO.hook]!, filled);
    filled += activations[DEMO.hook]!.length;
    batch.length = 0;
  };
  let taken = 0;
  for (const context of packSequences(tokenizeDocuments(model, documents), DEMO.seqLen, { eosTokenId: model.eosTokenId! })) {
    batch.push(context.tokens);
    taken += 1;
    if (batch.length === 64) await flush();
    if (taken === contexts) break;
  }
  if (batch.length > 0) await flush();
  const out = rows.subarray(0, filled);
  await mkdir(dir, { recursive: true });
  await writeFile(file, Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  return out;
}
