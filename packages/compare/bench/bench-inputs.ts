// Inputs of `npm run bench:compare`, made once in a work folder and read by each measured child
// process: the demo LM's activations, two TopK SAEs (seeds 0 and 1), and their codes per width.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '@atlas/corpus';
import { demoModelDir } from '@atlas/demo-model';
import { batchContexts, loadLanguageModel, packSequences, tokenizeDocuments } from '@atlas/model';
import { loadSae, saveSaeLens, trainSae, type SaeWeights } from '@atlas/sae';
import { readSafetensors, writeSafetensors } from '@atlas/safetensors';
import type { CodeTable } from '../src/index.ts';

export const HOOK = 'blocks.2.hook_resid_post';
export const activationsFile = (dir: string) => path.join(dir, 'activations.safetensors');
export const saeDir = (dir: string, seed: number) => path.join(dir, `sae-seed${seed}`);
export const codesFile = (dir: string, seed: number, width: number) => path.join(dir, `codes-seed${seed}-w${width}.safetensors`);

/** The demo LM's residual stream over `tokens` tokens of the `demo` corpus (64-token contexts), written once. */
export async function extractActivations(dir: string, tokens: number): Promise<void> {
  if (existsSync(activationsFile(dir))) return;
  const model = await loadLanguageModel(demoModelDir);
  const corpus = await loadCorpus('demo');
  const seqLen = 64;
  const contexts = [];
  for (const context of packSequences(tokenizeDocuments(model, corpus.documents), seqLen, { eosTokenId: model.eosTokenId! })) {
    contexts.push(context);
    if (contexts.length * seqLen >= tokens) break;
  }
  const rows = contexts.length * seqLen;
  const data = new Float32Array(rows * model.dModel);
  let offset = 0;
  for (const group of batchContexts(contexts, 32)) {
    const { activations } = await model.run({ inputIds: group.inputIds, batch: group.batch, seqLen, hooks: [HOOK] });
    data.set(activations[HOOK]!, offset);
    offset += activations[HOOK]!.length;
  }
  await writeSafetensors(activationsFile(dir), { activations: { dtype: 'F32', shape: [rows, model.dModel], data } });
}

/** A TopK SAE (k 32) trained 1 epoch on the first `trainRows` rows, as in bench:build: the comparison's cost depends on width, k and tokens, not on how good the dictionary is. */
export async function trainBenchSae(dir: string, activations: Float32Array, dIn: number, trainRows: number, width: number, seed: number): Promise<void> {
  if (existsSync(path.join(saeDir(dir, seed), 'cfg.json'))) return;
  const { sae, metrics } = await trainSae({
    activations: activations.subarray(0, trainRows * dIn), rows: trainRows, dIn, architecture: 'topk', width, k: 32, batchSize: 4096, epochs: 1, seed,
    hookName: HOOK, modelId: 'demo-lm',
  });
  await saveSaeLens(saeDir(dir, seed), sae, metrics);
}

/** The first `width` latents of an SAE (a narrower SAE of the same cost per latent, for the width sweep). */
export function sliceSae(sae: SaeWeights, width: number): SaeWeights {
  const { dIn, width: full } = sae.cfg;
  if (width >= full) return sae;
  const W_enc = new Float32Array(dIn * width);
  for (let d = 0; d < dIn; d++) W_enc.set(sae.W_enc.subarray(d * full, d * full + width), d * width);
  return { ...sae, cfg: { ...sae.cfg, width }, W_enc, b_enc: sae.b_enc.slice(0, width), W_dec: sae.W_dec.slice(0, width * dIn) };
}

export async function loadBenchSae(dir: string, seed: number, width: number): Promise<SaeWeights> {
  return sliceSae(await loadSae(saeDir(dir, seed)), width);
}

export async function writeCodes(file: string, table: CodeTable): Promise<void> {
  await writeSafetensors(file, {
    offsets: { dtype: 'I32', shape: [table.offsets.length], data: Int32Array.from(table.offsets) },
    indices: { dtype: 'I32', shape: [table.indices.length], data: table.indices },
    values: { dtype: 'F32', shape: [table.values.length], data: table.values },
  }, { rows: String(table.rows), width: String(table.width) });
}

/** Codes of the first `rows` tokens (a prefix: the token sweep needs no second encoding). */
export async function readCodes(file: string, rows?: number): Promise<CodeTable> {
  const { tensors, metadata } = await readSafetensors(file);
  const all = Number(metadata.rows);
  const count = Math.min(rows ?? all, all);
  const offsets = Uint32Array.from(tensors.offsets!.data as Int32Array).subarray(0, count + 1);
  const nonzero = offsets[count]!;
  return {
    rows: count, width: Number(metadata.width), offsets,
    indices: (tensors.indices!.data as Int32Array).subarray(0, nonzero),
    values: (tensors.values!.data as Float32Array).subarray(0, nonzero),
  };
}
