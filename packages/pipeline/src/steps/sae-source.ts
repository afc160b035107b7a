import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { LanguageModel } from '@atlas/model';
import { openActivationSource } from '@atlas/activations';
import { loadSae, METRICS_FILE, saveSaeLens, type SaeMetrics, type SaeWeights } from '@atlas/sae';
import { UserError } from '../errors.ts';
import { readJsonIfExists, sha256File } from '../files.ts';
import type { ProgressFactory } from '../progress.ts';
import type { ExtractedActivations } from './extract-activations.ts';
import { trainSaeStep } from './train-step.ts';

/** Train a TopK SAE on the extracted activations (`build-demo`). */
export interface TrainedSaeSpec {
  width: number;
  k: number;
  epochs: number;
  batchSize: number;
}

/** An SAE that already exists as a folder (SAELens or sparsify; `atlas build`). */
export interface SaeFolderSpec {
  saeDir: string;
  /** Database id; default `${modelId}/${hook}/${architecture}-${width}`. */
  saeId?: string;
}

/** Where the SAE stage gets its dictionary; everything else in the build is the same. */
export interface SaeSource {
  saeId: string;
  /** The SAE's input width when known before training (a folder), checked against the hook first. */
  dIn: number | undefined;
  /** What identifies the SAE in the build checksum (hyperparameters, or the folder's file hashes). */
  fingerprint: unknown;
  /** Training tokens to record (null when unknown, as for a folder made elsewhere). */
  trainingTokens: (statisticsRows: number) => number | null;
  obtain(extracted: ExtractedActivations, stageDir: string, context: SaeStageContext): Promise<{ sae: SaeWeights; metrics: SaeMetrics | undefined }>;
}

export interface SaeStageContext {
  modelId: string;
  hook: string;
  seed: number;
  progress: ProgressFactory;
  log: (line: string) => void;
}

/** Database ids are path-like (`demo-lm/blocks.2.hook_resid_post/topk-4096`) and appear in URLs. */
const SAE_ID_PATTERN = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

export function validateSaeId(id: string): string {
  if (!SAE_ID_PATTERN.test(id) || id.length > 200) {
    throw new UserError(
      `--id "${id}" is not a valid SAE id: use letters, digits, '.', '_', '-' in '/'-separated parts ` +
        '(e.g. demo-lm/blocks.2.hook_resid_post/topk-4096), at most 200 characters.',
    );
  }
  return id;
}

export function trainedSaeSource(spec: TrainedSaeSpec, modelId: string, hook: string): SaeSource {
  return {
    saeId: `${modelId}/${hook}/topk-${spec.width}`,
    dIn: undefined,
    fingerprint: { width: spec.width, k: spec.k, epochs: spec.epochs, batchSize: spec.batchSize },
    trainingTokens: (rows) => rows * spec.epochs,
    // A finished SAELens folder is reused (metrics.json is written last, so it marks one).
    async obtain(extracted, stageDir, { progress, log, seed, ...ids }) {
      const saeDir = path.join(stageDir, 'sae');
      const metricsFile = path.join(saeDir, METRICS_FILE);
      if (existsSync(metricsFile)) {
        log(`Reusing the trained SAE in ${saeDir}.`);
        return { sae: await loadSae(saeDir), metrics: await readJsonIfExists<SaeMetrics>(metricsFile) };
      }
      // Rows stream from the stage file (training holds a shuffle buffer of them, not the file).
      const activations = await openActivationSource(extracted.file);
      const trained = await trainSaeStep({
        architecture: 'topk', activations, rows: extracted.rows, dIn: extracted.dIn,
        width: spec.width, k: spec.k, epochs: spec.epochs, batchSize: spec.batchSize, seed,
        hookName: ids.hook, modelId: ids.modelId, progress,
      }).finally(() => activations.close());
      await saveSaeLens(saeDir, trained.sae, trained.metrics);
      return trained;
    },
  };
}

/**
 * Loads the folder once (so the default id can name its architecture and width) and hashes every
 * file in it: a changed weight file is a new build, whatever the folder's format calls its files.
 */
export async function folderSaeSource(spec: SaeFolderSpec, modelId: string, hook: string): Promise<SaeSource> {
  const sae = await loadSae(spec.saeDir);
  const files = (await readdir(spec.saeDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  const hashes = await Promise.all(files.map(async (name) => [name, await sha256File(path.join(spec.saeDir, name))] as const));
  const metrics = await readJsonIfExists<SaeMetrics>(path.join(spec.saeDir, METRICS_FILE));
  return {
    saeId: validateSaeId(spec.saeId ?? `${modelId}/${hook}/${sae.cfg.architecture}-${sae.cfg.width}`),
    dIn: sae.cfg.dIn,
    fingerprint: Object.fromEntries(hashes),
    trainingTokens: () => sae.cfg.training?.tokens ?? null,
    async obtain(_extracted, _stageDir, { log }) {
      if (sae.cfg.hookName && sae.cfg.hookName !== hook) {
        // Formats name hooks differently (sparsify: `layers.6`), so a mismatch is a warning.
        log(`Warning: ${spec.saeDir} was trained on hook "${sae.cfg.hookName}"; building it on --hook ${hook} as asked.`);
      }
      return { sae, metrics };
    },
  };
}

/** The SAE reads the hook's vectors, so their widths must agree; names both numbers and the hook. */
export function checkHookWidth(dIn: number, model: LanguageModel, hook: string, saeDir: string): void {
  const point = model.hookPoints.find((candidate) => candidate.name === hook);
  if (!point) {
    throw new UserError(`Unknown hook ${hook}. Valid hooks: ${model.hookNames.join(', ')}. Run \`atlas hooks --model DIR\` to list them with widths.`);
  }
  if (point.width !== dIn) {
    throw new UserError(
      `The SAE in ${saeDir} has d_in ${dIn}, but hook ${hook} has width ${point.width}. ` +
        'Pass the --hook the SAE was trained on (see `atlas hooks --model DIR`).',
    );
  }
}
