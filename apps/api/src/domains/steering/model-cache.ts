import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { userFacingError } from '@atlas/errors';
import type { LanguageModel } from '@atlas/model';
import { modelUnavailable } from '../../errors.ts';

export type LoadModel = (dir: string) => Promise<LanguageModel>;

/**
 * Imports @atlas/model (and onnxruntime with it) on the first steering request, so an API that
 * never steers never loads them. Generation gets every core but one, so reads keep one to run on.
 */
async function loadModelOnDemand(dir: string): Promise<LanguageModel> {
  const { loadLanguageModel } = await import('@atlas/model');
  return loadLanguageModel(dir, { threads: Math.max(1, availableParallelism() - 1) });
}

/**
 * A message for clients with this server's paths taken out: the model folder becomes
 * "<model folder>", any other absolute path "<path>" (where files live is the operator's business;
 * the cause keeps the full message for the logs).
 */
export function withoutPaths(message: string, dir: string): string {
  return message
    .replaceAll(dir, '<model folder>')
    .replace(/(^|[\s"'(=:])\/(?:[^\s"'(),;:]+\/)*[^\s"'(),;:]*/g, '$1<path>');
}

export type CachedModel = {
  model: LanguageModel;
  /** How long this caller waited for the load; 0 when the model was already loaded. */
  loadMs: number;
};

/**
 * Language models the API runs at request time, loaded lazily once per folder and kept for the
 * life of the process. Concurrent first requests share one load; a load that fails is forgotten,
 * so copying the files in and retrying works without a restart.
 */
export class ModelCache {
  readonly #load: LoadModel;
  readonly #loads = new Map<string, Promise<LanguageModel>>();
  readonly #loaded = new Map<string, LanguageModel>();

  constructor(load: LoadModel = loadModelOnDemand) {
    this.#load = load;
  }

  /**
   * The model stored at `sourcePath` (`models.source_path`; a relative path resolves against the
   * working directory). MODEL_UNAVAILABLE when no path was recorded, the folder is not on this
   * server, or its files do not load as a model; the messages name the model, never a path on this server.
   */
  async get(modelId: string, sourcePath: string | null): Promise<CachedModel> {
    if (!sourcePath) {
      throw modelUnavailable(
        `Model "${modelId}" has no recorded source folder (models.source_path), so this server cannot run it. ` +
          'Rebuild its atlas with the atlas pipeline, which records the folder.',
      );
    }
    const dir = path.resolve(sourcePath);
    const ready = this.#loaded.get(dir);
    if (ready) return { model: ready, loadMs: 0 };
    const started = performance.now();
    const model = await (this.#loads.get(dir) ?? this.#startLoad(modelId, dir));
    return { model, loadMs: performance.now() - started };
  }

  #startLoad(modelId: string, dir: string): Promise<LanguageModel> {
    if (!existsSync(dir)) {
      throw modelUnavailable(
        `The files of model "${modelId}" are not on this server: the folder recorded for it (models.source_path) does not exist here. ` +
          'Copy the model folder there, or run the API on the machine that built the atlas.',
      );
    }
    const loading = this.#load(dir).then(
      (model) => {
        this.#loaded.set(dir, model);
        return model;
      },
      (error: unknown) => {
        this.#loads.delete(dir);
        // A user-facing error from @atlas/model or @atlas/onnx names what is missing or unreadable;
        // anything else is a bug and stays unexpected (masked and logged).
        const problem = userFacingError(error);
        if (problem) throw modelUnavailable(`The files of model "${modelId}" do not load: ${withoutPaths(problem.message, dir)}`, { cause: problem });
        throw error;
      },
    );
    this.#loads.set(dir, loading);
    return loading;
  }
}
