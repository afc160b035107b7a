import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openActivationSource, type ActivationSource } from '@atlas/activations';
import {
  collectAlignedCodes, compareAip, compareDecoders, correlateActivations, dictionaryOf, encodeSource, featureFamilies,
  type ComparisonResult, type ProgressEvent, type RunControl,
} from '@atlas/compare';
import { loadCorpus, shuffleDocuments, type CorpusDocument } from '@atlas/corpus';
import { findComparison, saveComparison, type AtlasDb, type ComparisonRunRow, type SaeRow } from '@atlas/db';
import type { LanguageModel } from '@atlas/model';
import { UserError } from '../errors.ts';
import type { ProgressFactory } from '../progress.ts';
import { extractActivations } from '../steps/extract-activations.ts';
import { compareRequest, type CompareRequest } from './compare-request.ts';
import { checkComparison } from './check-comparison.ts';
import { comparedModel, comparedSaeWeights, storedDictionary } from './comparison-inputs.ts';

export interface ComparisonControl extends RunControl {
  /** The job (or CLI run) the stored rows belong to: a rerun with the same id replaces them. */
  runKey: string;
  log?: (line: string) => void;
}

export interface ComparisonOutcome {
  run: ComparisonRunRow;
  /** An earlier complete run with the same request was returned instead of computing again. */
  reused: boolean;
}

/**
 * One comparison, start to stored: checks, computes with @atlas/compare, and stores the summary and
 * match edges in one transaction (`saveComparison`). Idempotent: an earlier complete run of the same
 * request is returned as it is; a rerun under the same `runKey` replaces its own rows.
 */
export async function runComparison(db: AtlasDb, raw: CompareRequest, control: ComparisonControl): Promise<ComparisonOutcome> {
  const { request, a, b } = await checkComparison(db, raw);
  const earlier = await findComparison(db, { saeA: a.id, saeB: b.id, method: request.method });
  if (earlier && sameRequest(earlier.params.request, effectiveRequest(request))) {
    control.log?.(`${request.method} ${a.id} → ${b.id} was compared already (run ${earlier.id}); reusing it.`);
    return { run: earlier, reused: true };
  }
  const result = await compute(db, request, a, b, control);
  const runId = await saveComparison(db, {
    jobId: control.runKey, saeA: a.id, saeB: b.id, method: request.method,
    params: { ...result.summary.params, request: effectiveRequest(request) }, figures: result.summary.figures,
    approximate: result.summary.approximate, matches: result.matches,
  });
  const run = await findComparison(db, { saeA: a.id, saeB: b.id, method: request.method });
  if (!run || run.id !== runId) throw new Error(`comparison run ${runId} was stored but is not the latest for its pair`);
  return { run, reused: false };
}

async function compute(db: AtlasDb, request: CompareRequest, a: SaeRow, b: SaeRow, control: ComparisonControl): Promise<ComparisonResult> {
  const options = { ...control, seed: request.seed };
  if (request.method === 'decoder-cosine') {
    const [dictA, dictB] = await Promise.all([storedDictionary(db, a), storedDictionary(db, b)]);
    return compareDecoders(dictA, dictB, options);
  }
  const corpusName = request.corpus ?? a.corpusName;
  if (!corpusName) throw new UserError(`${a.id} records no statistics corpus; name one (corpus, e.g. demo-heldout).`);
  const documents = shuffleDocuments((await loadCorpus(corpusName)).documents, request.seed);
  if (request.method === 'aip') {
    const [dictA, dictB, model] = await Promise.all([storedDictionary(db, a), storedDictionary(db, b), comparedModel(db, a)]);
    return withHookActivations(model, a, documents, corpusName, request, control, async (source) => {
      const result = await compareAip(dictA, dictB, source, options);
      result.summary.params.corpus = corpusName;
      return result;
    });
  }
  if (request.method === 'families') {
    const [weightsA, weightsB, model] = await Promise.all([comparedSaeWeights(db, a), comparedSaeWeights(db, b), comparedModel(db, a)]);
    // One model run for both SAEs (they read the same hook): extract once, encode twice.
    return withHookActivations(model, a, documents, corpusName, request, control, async (source) => {
      const [codesA, codesB] = [await encodeSource(weightsA, source, control), await encodeSource(weightsB, source, control)];
      // Its edges carry containment and co-firing beside the cosine; saveComparison stores them.
      const { result } = await featureFamilies(dictionaryOf(weightsA, a.id), dictionaryOf(weightsB, b.id), codesA, codesB, options);
      result.summary.params.corpus = corpusName;
      return result;
    });
  }
  const [weightsA, weightsB, modelA, modelB] = await Promise.all([
    comparedSaeWeights(db, a), comparedSaeWeights(db, b), comparedModel(db, a), comparedModel(db, b),
  ]);
  const { codesA, codesB } = await collectAlignedCodes(
    { model: modelA, hook: a.hookName, sae: weightsA }, { model: modelB, hook: b.hookName, sae: weightsB },
    { ...control, documents, tokens: request.tokens },
  );
  const result = await correlateActivations(codesA, codesB, {
    ...options, dictionaries: { a: dictionaryOf(weightsA, a.id), b: dictionaryOf(weightsB, b.id) },
  });
  Object.assign(result.summary.params, { a: a.id, b: b.id, corpus: corpusName, tokens: codesA.rows });
  return result;
}

/**
 * The hook's activations over the request's tokens, extracted into a temporary file that is removed
 * afterwards (AIP's covariance and families' codes read them).
 */
async function withHookActivations<T>(
  model: LanguageModel, a: SaeRow, documents: CorpusDocument[], corpusName: string, request: CompareRequest, control: ComparisonControl,
  use: (source: ActivationSource) => Promise<T>,
): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'atlas-compare-'));
  try {
    const extracted = await extractActivations({
      model, hook: a.hookName, documents, tokens: request.tokens, seqLen: 64, batchSize: 16,
      progress: forwardProgress(control), file: path.join(dir, 'activations.safetensors'),
      provenance: { model: a.modelId, hook: a.hookName, corpus: corpusName },
    });
    const source = await openActivationSource(extracted.file);
    try {
      return await use(source);
    } finally {
      await source.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The extract step's bars as the comparison's progress events. */
function forwardProgress(control: RunControl): ProgressFactory {
  return (stage, total) => ({
    update: (done) => control.onProgress?.({ stage, done, total } satisfies ProgressEvent),
    stop: () => {},
  });
}

/** The fields that shape the result: decoder cosine reads no corpus. */
function effectiveRequest(request: CompareRequest): Partial<CompareRequest> {
  const { corpus: _corpus, tokens: _tokens, ...decoderOnly } = request;
  return request.method === 'decoder-cosine' ? decoderOnly : request;
}

/** Field by field: jsonb does not keep key order. */
function sameRequest(stored: unknown, request: Partial<CompareRequest>): boolean {
  if (typeof stored !== 'object' || stored === null) return false;
  const fields = stored as Record<string, unknown>;
  return (Object.keys(compareRequest.shape) as (keyof CompareRequest)[]).every((key) => fields[key] === request[key]);
}
