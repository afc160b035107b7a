import { existsSync } from 'node:fs';
import path from 'node:path';
import { userFacingError } from '@atlas/errors';
import type { SaeEncoder, SaeWeights } from '@atlas/sae';
import type { FeaturesForTextResult, SearchEngine } from '@atlas/search';
import PQueue from 'p-queue';
import { cancelled, modelUnavailable, rateLimited } from '../../errors.ts';
import { ModelCache, withoutPaths } from '../steering/model-cache.ts';

/** How many texts run at once and how many may wait. */
export type TextQueueLimits = { concurrency: number; maxWaiting: number };
export const DEFAULT_TEXT_QUEUE: TextQueueLimits = { concurrency: 1, maxWaiting: 8 };

type LoadedSae = { sae: SaeWeights; encoder: SaeEncoder };

/** A validated featuresForText request (the SAE found, its files' folders looked up). */
export type TextRequest = {
  saeId: string;
  modelId: string;
  /** `models.source_path` and `saes.source_path`. */
  modelPath: string | null;
  saePath: string | null;
  text: string;
  topK?: number;
  densityMax?: number;
  densities: Float32Array;
  signal?: AbortSignal;
};

/**
 * What search needs for the life of the API process: the search engine (word vectors and
 * WordNet, loaded on first use, or at startup with `warm()`), the models and SAEs featuresForText
 * runs (each loaded once per folder, an SAE with its encoder session), and the queue that runs one
 * text at a time so reads keep their CPU. @atlas/search (and onnxruntime with it) is imported on
 * first use, so an API that never searches never loads them.
 */
export class SearchService {
  readonly #models: ModelCache;
  readonly #saes = new Map<string, Promise<LoadedSae>>();
  readonly #queue: PQueue;
  readonly #limits: TextQueueLimits;
  #engine: Promise<SearchEngine> | undefined;

  constructor(options: { models?: ModelCache; engine?: SearchEngine; queue?: TextQueueLimits } = {}) {
    this.#models = options.models ?? new ModelCache();
    this.#limits = options.queue ?? DEFAULT_TEXT_QUEUE;
    this.#queue = new PQueue({ concurrency: this.#limits.concurrency });
    if (options.engine) this.#engine = Promise.resolve(options.engine);
  }

  /** The search engine; the first call loads it (a few seconds: WordNet is parsed). */
  engine(): Promise<SearchEngine> {
    this.#engine ??= import('@atlas/search').then((search) => search.loadConfiguredSearchEngine());
    return this.#engine;
  }

  /** Loads the engine now, so the first search does not wait for it. */
  async warm(): Promise<void> {
    await this.engine();
  }

  async featuresForText(request: TextRequest): Promise<FeaturesForTextResult> {
    if (this.#queue.size >= this.#limits.maxWaiting) {
      throw rateLimited(`${this.#queue.size} texts are waiting for the model; retry featuresForText in a few seconds.`);
    }
    const { featuresForText } = await import('@atlas/search');
    const [{ model }, { sae, encoder }] = await Promise.all([
      this.#models.get(request.modelId, request.modelPath),
      this.#sae(request.saeId, request.saePath),
    ]);
    const result = await this.#queue.add(
      () => {
        if (request.signal?.aborted) throw cancelled('featuresForText was cancelled before its text ran.');
        return featuresForText(model, sae, request.text, {
          encoder, densities: request.densities,
          ...(request.topK !== undefined ? { topK: request.topK } : {}),
          ...(request.densityMax !== undefined ? { densityMax: request.densityMax } : {}),
        });
      },
      request.signal ? { signal: request.signal } : {},
    ).catch((error: unknown) => {
      if (request.signal?.aborted) throw cancelled('featuresForText was cancelled (the client went away or the request ran out of time).');
      throw error;
    });
    return result!;
  }

  /** The SAE's weights and encoder, loaded once per folder; a failed load is forgotten so a retry can succeed. */
  #sae(saeId: string, sourcePath: string | null): Promise<LoadedSae> {
    if (!sourcePath) {
      throw modelUnavailable(
        `The weights of SAE "${saeId}" are not recorded on this server (an imported atlas carries none), so it cannot run on a text. ` +
          'Build the SAE here with `atlas build`, which records its folder.',
      );
    }
    const dir = path.resolve(sourcePath);
    let loading = this.#saes.get(dir);
    if (!loading) {
      if (!existsSync(dir)) {
        throw modelUnavailable(
          `The weights of SAE "${saeId}" are not on this server: the folder recorded for it (saes.weights_path) does not exist here. ` +
            'Run the API on the machine that built the atlas, or rebuild the SAE here.',
        );
      }
      loading = this.#loadSae(saeId, dir);
      this.#saes.set(dir, loading);
    }
    return loading;
  }

  async #loadSae(saeId: string, dir: string): Promise<LoadedSae> {
    try {
      const { createEncoder, loadSae } = await import('@atlas/sae');
      const sae = await loadSae(dir);
      return { sae, encoder: await createEncoder(sae, { threads: 1 }) };
    } catch (error) {
      this.#saes.delete(dir);
      const problem = userFacingError(error);
      if (problem) throw modelUnavailable(`The weights of SAE "${saeId}" do not load: ${withoutPaths(problem.message, dir)}`, { cause: problem });
      throw error;
    }
  }
}
