import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadCorpus, shuffleDocuments } from '@atlas/corpus';
import { deleteIncompleteBuilds, getSaeBuild, ingestSaeAtlas, upsertModel, type AtlasDb } from '@atlas/db';
import { loadLanguageModel, locateModelFiles, type LanguageModel } from '@atlas/model';
import { loadSae, METRICS_FILE, saveSaeLens, type SaeMetrics, type SaeWeights } from '@atlas/sae';
import { readActivationFile, writeActivationFile } from './activation-file.ts';
import { readJsonIfExists, sha256File, sha256Json } from './files.ts';
import type { ProgressFactory } from './progress.ts';
import { buildAtlasPayload } from './steps/atlas-payload.ts';
import { computeStatistics } from './steps/compute-statistics.ts';
import { computeDecoderGeometry } from './steps/decoder-geometry.ts';
import { extractActivations, type ExtractedActivations } from './steps/extract-activations.ts';
import { trainSaeStep } from './steps/train-step.ts';

/** Everything that determines an atlas entry; its hash (with the model file's) identifies a build. */
export interface AtlasRecipe {
  modelDir: string;
  modelId: string;
  modelDisplayName: string;
  hook: string;
  corpus: string;
  tokens: number;
  seqLen: number;
  width: number;
  k: number;
  epochs: number;
  batchSize: number;
  seed: number;
  topK: number;
}

export interface BuildContext {
  db: AtlasDb;
  /** Intermediate artifacts (activations, SAE folder) so an interrupted build resumes. */
  workDir: string;
  progress: ProgressFactory;
  log: (line: string) => void;
}

export interface BuildResult {
  saeId: string;
  skipped: boolean;
  rows: Record<string, number>;
}

/** Bump when statistics or payload logic changes, so existing builds are redone. */
const PIPELINE_VERSION = 4;

export const saeIdFor = (recipe: Pick<AtlasRecipe, 'modelId' | 'hook' | 'width'>) =>
  `${recipe.modelId}/${recipe.hook}/topk-${recipe.width}`;

/** Needs only the model's files, not a loaded model, so an up-to-date atlas is confirmed quickly. */
export async function recipeChecksum(recipe: AtlasRecipe): Promise<string> {
  const { modelDir, ...portable } = recipe;
  const onnxFile = locateModelFiles(modelDir).onnx;
  return sha256Json({ portable, model: await sha256File(onnxFile), version: PIPELINE_VERSION });
}

/**
 * corpus → activations → SAE → statistics → database, each stage cached under workDir and the
 * database write done in one transaction: a killed build leaves nothing visible and resumes
 * from the last finished stage; a finished build with the same checksum is skipped.
 */
export async function buildAtlas(recipe: AtlasRecipe, context: BuildContext): Promise<BuildResult> {
  const { db, progress, log } = context;
  const saeId = saeIdFor(recipe);
  const removed = await deleteIncompleteBuilds(db);
  if (removed > 0) log(`Removed ${removed} half-built SAE(s) left by an interrupted run; rebuilding.`);

  const checksum = await recipeChecksum(recipe);
  const existing = await getSaeBuild(db, saeId);
  if (existing?.status === 'complete' && existing.checksum === checksum) {
    log(`${saeId} is up to date.`);
    return { saeId, skipped: true, rows: {} };
  }

  const model = await loadLanguageModel(recipe.modelDir);
  const stageDir = path.join(context.workDir, checksum.slice(0, 16));
  const extracted = await cachedActivations(recipe, model, stageDir, context);
  const { sae, metrics } = await cachedSae(recipe, extracted, path.join(stageDir, 'sae'), context);

  const statistics = await computeStatistics({ sae, extracted, topK: recipe.topK, progress });
  const geometry = await computeDecoderGeometry(sae, model, log);
  await upsertModel(db, {
    id: recipe.modelId,
    displayName: recipe.modelDisplayName,
    architecture: String(model.config.raw.model_type ?? 'unknown'),
    layerCount: model.layerCount,
    dModel: model.dModel,
    vocabSize: model.vocabSize,
    contextLength: model.contextLength,
    sourcePath: recipe.modelDir,
  });
  const payload = buildAtlasPayload({
    sae: {
      id: saeId, modelId: recipe.modelId, hookName: recipe.hook, architecture: 'topk', kind: 'sae',
      dIn: extracted.dIn, width: recipe.width, k: recipe.k,
      trainingTokens: extracted.rows * recipe.epochs, statisticsTokens: extracted.rows, corpusName: recipe.corpus,
      metrics: metrics ? { l0: metrics.l0, fvu: metrics.fvu, deadFraction: metrics.deadFraction } : null,
    },
    checksum,
    corpus: { id: recipe.corpus, name: recipe.corpus },
    weights: sae,
    statistics,
    geometry,
    contexts: extracted.contexts,
    decodeTokens: (ids) => model.decodeTokens(ids),
  });
  // One bar per table, so each shows its own rows/s.
  let stageBar: { stage: string; bar: ReturnType<ProgressFactory> } | undefined;
  try {
    const result = await ingestSaeAtlas(db, {
      ...payload,
      onProgress: (done, total, stage) => {
        if (stageBar?.stage !== stage) {
          stageBar?.bar.stop();
          stageBar = { stage, bar: progress(`write ${stage}`, total, 'rows') };
        }
        stageBar.bar.update(done);
      },
    });
    return { saeId, skipped: result.skipped, rows: result.rows };
  } finally {
    stageBar?.bar.stop();
  }
}

/** The activations stage: read back from stageDir when an earlier run finished it. */
async function cachedActivations(
  recipe: AtlasRecipe, model: LanguageModel, stageDir: string, { progress, log }: BuildContext,
): Promise<ExtractedActivations> {
  const activationFile = path.join(stageDir, 'activations.safetensors');
  if (existsSync(activationFile)) {
    log(`Reusing activations from ${activationFile}.`);
    return readActivationFile(activationFile);
  }
  const corpus = await loadCorpus(recipe.corpus);
  // Shuffled so a token budget smaller than the corpus still samples every part of it.
  const extracted = await extractActivations({
    model, hook: recipe.hook, documents: shuffleDocuments(corpus.documents, recipe.seed), tokens: recipe.tokens,
    seqLen: recipe.seqLen, batchSize: 16, progress,
  });
  await writeActivationFile(activationFile, extracted, { model: recipe.modelId, hook: recipe.hook, corpus: recipe.corpus });
  return extracted;
}

/** The SAE stage: a finished SAELens folder is reused (metrics.json is written last, so it marks one). */
async function cachedSae(
  recipe: AtlasRecipe, extracted: ExtractedActivations, saeDir: string, { progress, log }: BuildContext,
): Promise<{ sae: SaeWeights; metrics: SaeMetrics | undefined }> {
  const metricsFile = path.join(saeDir, METRICS_FILE);
  if (existsSync(metricsFile)) {
    log(`Reusing the trained SAE in ${saeDir}.`);
    return { sae: await loadSae(saeDir), metrics: await readJsonIfExists<SaeMetrics>(metricsFile) };
  }
  const trained = await trainSaeStep({
    architecture: 'topk',
    activations: extracted.activations, rows: extracted.rows, dIn: extracted.dIn,
    width: recipe.width, k: recipe.k, epochs: recipe.epochs, batchSize: recipe.batchSize, seed: recipe.seed,
    hookName: recipe.hook, modelId: recipe.modelId, progress,
  });
  await saveSaeLens(saeDir, trained.sae, trained.metrics);
  return trained;
}

