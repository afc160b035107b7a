import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadCorpus, shuffleDocuments } from '@atlas/corpus';
import { deleteIncompleteBuilds, getSaeBuild, ingestSaeAtlas, setSaeWeightsPath, upsertModel, type AtlasDb } from '@atlas/db';
import { coactivationBytesPerPair, DEFAULT_COACTIVATION_BUDGET_BYTES, pairCount } from '@atlas/features';
import type { Embedder } from '@atlas/embed';
import { loadLanguageModel, locateModelFiles, type LanguageModel } from '@atlas/model';
import { readActivationFile } from '@atlas/activations';
import { sha256File, sha256Json } from './files.ts';
import { lockBuild } from './build-lock.ts';
import { storeAtomsMetrics } from './steps/atoms-stage.ts';
import { stageProgress, type ProgressFactory } from './progress.ts';
import { buildAtlasPayload } from './steps/atlas-payload.ts';
import { indexForSearch } from './steps/search-index.ts';
import { scoreLabels } from './steps/label-scores.ts';
import { statisticsStage, type ScaleOutOptions } from './scale-out/statistics-stage.ts';
import { computeDecoderGeometry } from './steps/decoder-geometry.ts';
import { computeFeatureMap } from './steps/feature-map.ts';
import { extractActivations, type ExtractedActivations } from './steps/extract-activations.ts';
import {
  checkHookWidth, folderSaeSource, trainedSaeSource, type SaeFolderSpec, type SaeSource, type TrainedSaeSpec,
} from './steps/sae-source.ts';

/** Everything but the SAE that determines an atlas entry. */
export interface RecipeBase {
  modelDir: string;
  modelId: string;
  modelDisplayName: string;
  hook: string;
  corpus: string;
  tokens: number;
  seqLen: number;
  seed: number;
  topK: number;
  /** MiB for exact co-activation pair counts (default 256); an SAE whose pairs need more gets none. */
  coactivationMemoryMiB?: number;
}

/**
 * The SAE stage trains a TopK SAE (`build-demo`) or loads a folder (`atlas build --sae DIR`);
 * the hash of the recipe, model file, corpus file and SAE identifies a build.
 */
export type AtlasRecipe = RecipeBase & ((TrainedSaeSpec & { saeDir?: undefined }) | SaeFolderSpec);

export interface BuildContext {
  db: AtlasDb;
  /** Intermediate artifacts (activations, SAE folder) so an interrupted build resumes. */
  workDir: string;
  progress: ProgressFactory;
  log: (line: string) => void;
  /** Split the statistics pass into shard jobs (pg-boss); default: one pass in this process. */
  scaleOut?: ScaleOutOptions;
  /** Embeds the search index (default: the committed word vectors). */
  searchEmbedder?: Embedder;
}

export interface BuildResult {
  saeId: string;
  skipped: boolean;
  rows: Record<string, number>;
}

/** Bump when statistics or payload logic changes, so existing builds are redone (6: the token-profile map and its clusters). */
const PIPELINE_VERSION = 6;

/** The id of a trained TopK SAE (a folder's id comes from its cfg or `--id`: see sae-source.ts). */
export const saeIdFor = (recipe: { modelId: string; hook: string; width: number }) =>
  `${recipe.modelId}/${recipe.hook}/topk-${recipe.width}`;

/** The SAE stage for a recipe: train one, or load the folder it names. */
export async function saeSourceFor(recipe: AtlasRecipe): Promise<SaeSource> {
  return recipe.saeDir === undefined
    ? trainedSaeSource(recipe, recipe.modelId, recipe.hook)
    : folderSaeSource(recipe, recipe.modelId, recipe.hook);
}

/**
 * Needs only files, not a loaded model, so an up-to-date atlas is confirmed quickly. The model
 * file, a corpus file's content and the SAE's files are hashed; the model and SAE folder paths
 * are left out (the corpus name stays: it is the corpus id).
 */
export async function recipeChecksum(recipe: AtlasRecipe, source?: SaeSource): Promise<string> {
  const { modelDir, saeDir: _saeDir, ...portable } = recipe;
  const sae = (source ?? (await saeSourceFor(recipe))).fingerprint;
  const onnxFile = locateModelFiles(modelDir).onnx;
  const corpus = existsSync(recipe.corpus) ? await sha256File(recipe.corpus) : recipe.corpus;
  return sha256Json({ portable, sae, corpus, model: await sha256File(onnxFile), version: PIPELINE_VERSION });
}

/**
 * corpus → activations → SAE → statistics → database, each stage cached under workDir and the
 * database write done in one transaction: a killed build leaves nothing visible and resumes
 * from the last finished stage; a finished build with the same checksum is skipped.
 */
export async function buildAtlas(recipe: AtlasRecipe, context: BuildContext): Promise<BuildResult> {
  const source = await saeSourceFor(recipe);
  const lock = await lockBuild(context.workDir, source.saeId);
  try {
    return await buildLocked(recipe, source, context);
  } finally {
    await lock.release();
  }
}

async function buildLocked(recipe: AtlasRecipe, source: SaeSource, context: BuildContext): Promise<BuildResult> {
  const { db, progress, log } = context;
  const { saeId } = source;
  const removed = await deleteIncompleteBuilds(db);
  if (removed > 0) log(`Removed ${removed} half-built SAE(s) left by an interrupted run; rebuilding.`);

  const checksum = await recipeChecksum(recipe, source);
  const existing = await getSaeBuild(db, saeId);
  if (existing?.status === 'complete' && existing.checksum === checksum) {
    log(`${saeId} is up to date.`);
    const weights = path.resolve(recipe.saeDir ?? path.join(context.workDir, checksum.slice(0, 16), 'sae'));
    if (existsSync(weights)) await setSaeWeightsPath(db, saeId, weights);
    await indexForSearch(db, saeId, context);
    await scoreLabels(db, saeId, { ...context, ...(context.searchEmbedder ? { embedder: context.searchEmbedder } : {}) });
    return { saeId, skipped: true, rows: {} };
  }

  const model = await loadLanguageModel(recipe.modelDir);
  if (source.dIn !== undefined) checkHookWidth(source.dIn, model, recipe.hook, recipe.saeDir ?? 'the SAE folder');
  const stageDir = path.join(context.workDir, checksum.slice(0, 16));
  const extracted = await cachedActivations(recipe, model, stageDir, context);
  const { sae, metrics } = await source.obtain(extracted, stageDir, { ...recipe, progress, log });

  // Geometry and map first: UMAP's working memory is freed before the statistics are held.
  const geometry = await computeDecoderGeometry(sae, model, log);
  const map = await computeFeatureMap(sae, extracted, { progress, log, seed: recipe.seed, vocabSize: model.vocabSize });
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
  const saeDir = path.resolve(recipe.saeDir ?? path.join(stageDir, 'sae'));
  const payload = buildAtlasPayload({
    sae: {
      weightsPath: saeDir,
      id: saeId, modelId: recipe.modelId, hookName: recipe.hook, architecture: sae.cfg.architecture, kind: 'sae',
      dIn: extracted.dIn, width: sae.cfg.width, k: sae.cfg.k,
      trainingTokens: source.trainingTokens(extracted.rows), statisticsTokens: extracted.rows, corpusName: recipe.corpus,
      metrics: metrics ? { l0: metrics.l0, fvu: metrics.fvu, deadFraction: metrics.deadFraction } : null,
    },
    checksum,
    corpus: { id: recipe.corpus, name: recipe.corpus },
    weights: sae,
    // Passed straight in so nothing here keeps the per-feature statistics alive once their rows exist.
    statistics: await statisticsStage({
      db, sae, saeDir: recipe.saeDir ?? path.join(stageDir, 'sae'), extracted, topK: recipe.topK, passKey: checksum,
      ...coactivationBudget(recipe, sae.cfg.width, log),
      ...(context.scaleOut ? { scaleOut: context.scaleOut } : {}), progress, log,
    }),
    geometry,
    contexts: extracted.contexts,
    decodeTokens: (ids) => model.decodeTokens(ids),
    headCount: model.headCount,
    map,
  });
  const bars = stageProgress(progress);
  try {
    const result = await ingestSaeAtlas(db, { ...payload, onProgress: bars.onProgress });
    await storeAtomsMetrics(db, saeId, sae, extracted.file, log);
    await indexForSearch(db, saeId, context);
    // The embedding label scores (cheap: one embedder pass), with the search index's embedder.
    await scoreLabels(db, saeId, { ...context, ...(context.searchEmbedder ? { embedder: context.searchEmbedder } : {}) });
    return { saeId, skipped: result.skipped, rows: result.rows };
  } finally {
    bars.stop();
  }
}

/** The recipe's co-activation budget in bytes, saying so when the SAE is too wide for its pair counts. */
function coactivationBudget(recipe: RecipeBase, width: number, log: (line: string) => void): { coactivationBudgetBytes?: number } {
  const budget = recipe.coactivationMemoryMiB === undefined ? undefined : recipe.coactivationMemoryMiB * 2 ** 20;
  if (coactivationBytesPerPair(width, budget) === 0) {
    const pairs = pairCount(width);
    const needMiB = Math.ceil((pairs * 2) / 2 ** 20);
    const budgetMiB = recipe.coactivationMemoryMiB ?? DEFAULT_COACTIVATION_BUDGET_BYTES / 2 ** 20;
    log(
      `Co-activation is not counted: ${width} features have ${pairs.toExponential(2)} pairs, ${needMiB} MiB as 16-bit counts, ` +
        (pairs > 2 ** 32 ? 'more than one array holds.' : `over the ${budgetMiB} MiB budget; pass --coactivation-memory ${needMiB} to count them.`),
    );
  }
  return budget === undefined ? {} : { coactivationBudgetBytes: budget };
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
  // Streamed to the stage file as it is extracted; later stages read it back in chunks.
  return extractActivations({
    model, hook: recipe.hook, documents: shuffleDocuments(corpus.documents, recipe.seed), tokens: recipe.tokens,
    seqLen: recipe.seqLen, batchSize: 16, progress,
    file: activationFile, provenance: { model: recipe.modelId, hook: recipe.hook, corpus: recipe.corpus },
  });
}
