import { randomInt } from 'node:crypto';
import type { Generation, GenerateOptions, LanguageModel } from '@atlas/model';
import { badUserInput, modelUnavailable } from '../../errors.ts';
import { ModelCache } from './model-cache.ts';

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
 * Steered and baseline continuations of a prompt. One per API process: it owns the model cache,
 * and runs one steering request at a time per model (each is two generations of up to 128
 * tokens; running several at once would only make each slower on a CPU).
 */
export class SteeringService {
  readonly #models: ModelCache;
  readonly #queues = new WeakMap<LanguageModel, Promise<unknown>>();

  constructor(models: ModelCache = new ModelCache()) {
    this.#models = models;
  }

  async steer(request: SteerRequest): Promise<SteeringOutcome> {
    const { model, loadMs } = await this.#models.get(request.modelId, request.sourcePath);
    checkHook(model, request);
    if (request.maxTokens >= model.contextLength) {
      throw badUserInput(`steer: maxTokens (${request.maxTokens}) must be below this model's context length of ${model.contextLength} tokens, leaving room for the prompt.`);
    }
    const queued = performance.now();
    return this.#oneAtATime(model, async () => {
      const queuedMs = performance.now() - queued;
      const seed = request.temperature > 0 ? (request.seed ?? randomInt(0, 2 ** 31)) : null;
      const options: GenerateOptions = {
        maxNewTokens: request.maxTokens,
        temperature: request.temperature,
        ...(seed === null ? {} : { seed }),
      };
      const baseline = await timed(() => model.generate(request.prompt, options));
      const steered = await timed(() =>
        model.generate(request.prompt, {
          ...options,
          steering: [{ hook: request.hookName, direction: request.direction, strength: request.strength }],
        }),
      );
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
    });
  }

  /** Runs `task` after every earlier task on the same model has settled. */
  #oneAtATime<T>(model: LanguageModel, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(model) ?? Promise.resolve();
    const run = previous.then(task, task);
    this.#queues.set(model, run.catch(() => undefined));
    return run;
  }
}

/** The atlas and the model files on this server must agree on the hook and its width. */
function checkHook(model: LanguageModel, { modelId, hookName, direction }: SteerRequest): void {
  const hook = model.hookPoints.find((point) => point.name === hookName);
  if (!hook) {
    throw modelUnavailable(`The files of model "${modelId}" in ${model.dir} have no hook ${hookName} (they offer ${model.hookNames.join(', ')}); they are not the files this atlas was built from.`);
  }
  if (hook.width !== direction.length) {
    throw modelUnavailable(`Hook ${hookName} of model "${modelId}" in ${model.dir} is ${hook.width} wide but the feature's decoder row has ${direction.length} values; the files are not the ones this atlas was built from.`);
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
