import path from 'node:path';
import { existsSync } from 'node:fs';
import { loadCorpus, shuffleDocuments } from '@atlas/corpus';
import { deleteIncompleteBuilds, getSaeBuild, ingestSaeAtlas, upsertModel, type AtlasDb } from '@atlas/db';
import { loadLanguageModel, type LanguageModel } from '@atlas/model';
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

export async function recipeChecksum(recipe: AtlasRecipe, model: LanguageModel): Promise<string> {
  const { modelDir: _dir, ...portable } = recipe;
  return sha256Json({ portable, model: await sha256File(model.onnxPath), version: PIPELINE_VERSION });
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

  const model = await loadLanguageModel(recipe.modelDir);
  const checksum = await recipeChecksum(recipe, model);
  const existing = await getSaeBuild(db, saeId);
  if (existing?.status === 'complete' && existing.checksum === checksum) {
    log(`${saeId} is up to date.`);
    return { saeId, skipped: true, rows: {} };
  }

  const stageDir = path.join(context.workDir, checksum.slice(0, 16));
  const activationFile = path.join(stageDir, 'activations.safetensors');
  let extracted: ExtractedActivations;
  if (existsSync(activationFile)) {
    log(`Reusing activations from ${activationFile}.`);
    extracted = await readActivationFile(activationFile);
  } else {
    const corpus = await loadCorpus(recipe.corpus);
    // Shuffled so a token budget smaller than the corpus still samples every part of it.
    extracted = await extractActivations({
      model, hook: recipe.hook, documents: shuffleDocuments(corpus.documents, recipe.seed), tokens: recipe.tokens,
      seqLen: recipe.seqLen, batchSize: 16, progress,
    });
    await writeActivationFile(activationFile, extracted, { model: recipe.modelId, hook: recipe.hook, corpus: recipe.corpus });
  }

  const saeDir = path.join(stageDir, 'sae');
  let sae: SaeWeights;
  // metrics.json is written last, so its presence marks a finished SAE folder.
  if (existsSync(path.join(saeDir, METRICS_FILE))) {
    log(`Reusing the trained SAE in ${saeDir}.`);
    sae = await loadSae(saeDir);
  } else {
    const trained = await trainSaeStep({
      architecture: 'topk',
      activations: extracted.activations, rows: extracted.rows, dIn: extracted.dIn,
      width: recipe.width, k: recipe.k, epochs: recipe.epochs, batchSize: recipe.batchSize, seed: recipe.seed,
      hookName: recipe.hook, modelId: recipe.modelId, progress,
    });
    await saveSaeLens(saeDir, trained.sae, trained.metrics);
    sae = trained.sae;
  }
  const metrics = await readJsonIfExists<SaeMetrics>(path.join(saeDir, METRICS_FILE));

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
