import { randomInt } from 'node:crypto';
import type { Generation, GenerateOptions, LanguageModel } from '@atlas/model';
import { AtlasError } from '@atlas/errors';
import PQueue from 'p-queue';
import { badUserInput, cancelled, modelUnavailable, rateLimited } from '../../errors.ts';
import { ModelCache } from './model-cache.ts';

/** How many steering runs the server does at once, how many may wait for their turn, and for how long. */
export type SteeringQueueLimits = { concurrency: number; maxWaiting: number; maxWaitMs: number };

/**
 * One run at a time (each is two generations on the CPU, which a second run would only slow
 * down, and the model gets every core but one, so reads keep theirs), at most 8 waiting, and
 * none expected to wait more than 15 s (judged from the last run's duration): beyond that a
 * request is refused at once (RATE_LIMITED, saying when to retry) rather than held until its
 * request times out.
 */
export const DEFAULT_STEERING_QUEUE: SteeringQueueLimits = { concurrency: 1, maxWaiting: 8, maxWaitMs: 15_000 };

/** A validated steering request for one feature (see `parseSteerArgs`). */
export type SteerRequest = {
  modelId: string;
  /** `models.source_path` of the SAE's model. */
  sourcePath: string | null;
  /** The SAE's hook; the direction is added there. */
  hookName: string;
  /** The feature's decoder row, length = the hook's width. */
  direction: Float32Array;
  prompt: string;
  strength: number;
  maxTokens: number;
  temperature: number;
  /** Sampling seed; null picks one (returned, so the run can be repeated). Unused when greedy. */
  seed: number | null;
  /** The request's signal: a run still waiting when it aborts leaves the queue; a running one stops before its next token. */
  signal?: AbortSignal;
};

export type Continuation = { tokens: string[]; text: string };

export type SteeringOutcome = {
  hookName: string;
  strength: number;
  temperature: number;
  seed: number | null;
  promptTokens: string[];
  promptTruncated: boolean;
  notice: string | null;
  baseline: Continuation;
  steered: Continuation;
  timing: { modelLoadMs: number; queuedMs: number; baselineMs: number; steeredMs: number };
};

/**
 * Steered and baseline continuations of a prompt. One per API process: it owns the model cache
 * and the steering queue (p-queue): `concurrency` runs at a time across all models, at most
 * `maxWaiting` waiting; a waiting request whose client went away leaves the queue.
 */
export class SteeringService {
  readonly #models: ModelCache;
  readonly #queue: PQueue;
  readonly #limits: SteeringQueueLimits;
  /** The last run's duration (ms): what a request waiting behind each run should expect; cautious until a run is timed. */
  #recentRunMs = 10_000;

  constructor(models: ModelCache = new ModelCache(), limits: SteeringQueueLimits = DEFAULT_STEERING_QUEUE) {
    this.#models = models;
    this.#limits = limits;
    this.#queue = new PQueue({ concurrency: limits.concurrency });
  }

  async steer(request: SteerRequest): Promise<SteeringOutcome> {
    const { model, loadMs } = await this.#models.get(request.modelId, request.sourcePath);
    checkHook(model, request);
    if (request.maxTokens >= model.contextLength) {
      throw badUserInput(`steer: maxTokens (${request.maxTokens}) must be below this model's context length of ${model.contextLength} tokens, leaving room for the prompt.`);
    }
    const expectedWaitMs = ((this.#queue.size + this.#queue.pending) * this.#recentRunMs) / this.#limits.concurrency;
    const full = this.#queue.size >= this.#limits.maxWaiting || (this.#queue.pending > 0 && expectedWaitMs > this.#limits.maxWaitMs);
    if (full) {
      throw rateLimited(`The steering queue is full (${this.#queue.size} requests waiting for the model). Retry in about ${Math.ceil(expectedWaitMs / 1000)} s.`);
    }
    const queued = performance.now();
    try {
      return await this.#queue.add(() => this.#run(model, request, loadMs, performance.now() - queued), {
        ...(request.signal ? { signal: request.signal } : {}),
      });
    } catch (error) {
      if (request.signal?.aborted) throw cancelledBy(request.signal);
      throw error;
    }
  }

  /** Requests waiting for the model now. */
  get waiting(): number {
    return this.#queue.size;
  }

  /** Runs generating now. */
  get running(): number {
    return this.#queue.pending;
  }

  async #run(model: LanguageModel, request: SteerRequest, loadMs: number, queuedMs: number): Promise<SteeringOutcome> {
    const started = performance.now();
    const seed = request.temperature > 0 ? (request.seed ?? randomInt(0, 2 ** 31)) : null;
    const options: GenerateOptions = {
      maxNewTokens: request.maxTokens,
      temperature: request.temperature,
      ...(seed === null ? {} : { seed }),
      // A client that went away stops the run before its next token, not after the whole generation.
      beforeStep: async () => {
        if (request.signal?.aborted) throw cancelledBy(request.signal);
      },
    };
    const baseline = await timed(() => model.generate(request.prompt, options));
    if (request.signal?.aborted) throw cancelledBy(request.signal);
    const steered = await timed(() =>
      model.generate(request.prompt, {
        ...options,
        steering: [{ hook: request.hookName, direction: request.direction, strength: request.strength }],
      }),
    );
    this.#recentRunMs = performance.now() - started;
    return {
      hookName: request.hookName,
      strength: request.strength,
      temperature: request.temperature,
      seed,
      promptTokens: model.decodeTokens(baseline.result.promptTokenIds),
      promptTruncated: baseline.result.promptTruncated,
      notice: baseline.result.notice ?? null,
      baseline: continuation(baseline.result),
      steered: continuation(steered.result),
      timing: { modelLoadMs: loadMs, queuedMs, baselineMs: baseline.ms, steeredMs: steered.ms },
    };
  }
}

/** The abort's reason when it is one of ours (a timeout's QUERY_TOO_COSTLY, the client's CANCELLED), else CANCELLED. */
function cancelledBy(signal: AbortSignal): Error {
  // Not any Error with a `code`: a bare abort() gives a DOMException, whose `code` is a number.
  return signal.reason instanceof AtlasError ? signal.reason : cancelled('The steering request was cancelled.');
}

/** The atlas and the model files on this server must agree on the hook and its width. */
function checkHook(model: LanguageModel, { modelId, hookName, direction }: SteerRequest): void {
  const hook = model.hookPoints.find((point) => point.name === hookName);
  if (!hook) {
    throw modelUnavailable(`The files of model "${modelId}" on this server have no hook ${hookName} (they offer ${model.hookNames.join(', ')}); they are not the files this atlas was built from.`);
  }
  if (hook.width !== direction.length) {
    throw modelUnavailable(`Hook ${hookName} of model "${modelId}" on this server is ${hook.width} wide but the feature's decoder row has ${direction.length} values; the files are not the ones this atlas was built from.`);
  }
}

function continuation(generation: Generation): Continuation {
  return { tokens: generation.tokens, text: generation.text };
}

async function timed<T>(run: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
}
