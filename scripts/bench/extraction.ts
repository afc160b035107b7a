import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCorpus } from '@atlas/corpus';
import { demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel } from '@atlas/model';
import { createSession, ort, runChecked } from '@atlas/onnx';
import { extractActivations, silentProgress } from '@atlas/pipeline';

export interface ExtractionFigures {
  tokens: number;
  batch: number;
  seqLen: number;
  hook: string;
  /** `atlas extract` path: tokenize, run with the hook exposed, copy activations out. */
  extractTokensPerSecond: number;
  /** The unmodified demo model: input_ids → logits, same batches, onnxruntime alone. */
  plainForwardTokensPerSecond: number;
}

export async function benchmarkExtraction(options: { batches?: number } = {}): Promise<ExtractionFigures> {
  const batch = 16;
  const seqLen = 128;
  const tokens = batch * seqLen * (options.batches ?? 8);
  const hook = 'blocks.2.hook_resid_post';
  const model = await loadLanguageModel(demoModelDir);
  const { documents } = await loadCorpus('moby-dick');
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'atlas-bench-extract-')), 'activations.safetensors');
  const provenance = { model: 'demo-lm', hook, corpus: 'moby-dick' };
  const run = () => extractActivations({ model, hook, documents, tokens, seqLen, batchSize: batch, progress: silentProgress, file, provenance });
  await extractActivations({ model, hook, documents, tokens: batch * seqLen, seqLen, batchSize: batch, progress: silentProgress, file, provenance });
  let started = performance.now();
  const extracted = await run();
  const extractSeconds = (performance.now() - started) / 1000;

  const { session } = await createSession(model.onnxPath);
  const ones = new BigInt64Array(batch * seqLen).fill(1n);
  const feedsFor = (first: number) => ({
    input_ids: new ort.Tensor('int64', BigInt64Array.from(extracted.tokenIds.subarray(first, first + batch * seqLen), BigInt), [batch, seqLen]),
    attention_mask: new ort.Tensor('int64', ones, [batch, seqLen]),
  });
  await runChecked(session, feedsFor(0));
  started = performance.now();
  for (let first = 0; first < tokens; first += batch * seqLen) await runChecked(session, feedsFor(first));
  const plainSeconds = (performance.now() - started) / 1000;
  await session.release();
  await model.dispose();
  return {
    tokens, batch, seqLen, hook,
    extractTokensPerSecond: tokens / extractSeconds,
    plainForwardTokensPerSecond: tokens / plainSeconds,
  };
}
