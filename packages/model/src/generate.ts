import { runChecked, ort, type onnx } from '@atlas/onnx';
import { ModelError } from './errors.ts';
import { buildFeeds, type PastCache } from './feeds.ts';
import type { AbsentHook, HookPoint } from './hooks/hook-point.ts';
import { unknownHookError } from './hooks/unknown-hook.ts';
import { nextCache, type CachePair } from './kv-cache.ts';
import { pickToken, seededRandom } from './sampling.ts';
import { floatData } from './tensor-data.ts';

/** Adds `strength · direction` to a hook's activation at every position (prompt and generated). */
export interface SteeringEdit {
  hook: string;
  /** [width of the hook] (d_model, or heads × d_head for attn.hook_z). */
  direction: Float32Array;
  strength: number;
}

export interface GenerateOptions {
  maxNewTokens: number;
  /** 0 or undefined = greedy. */
  temperature?: number;
  /** Seed of the sampler; the same seed gives the same continuation. */
  seed?: number;
  steering?: SteeringEdit[];
  /** Stop after the end-of-text token (default true; it is kept in `tokenIds`). */
  stopAtEos?: boolean;
  /** Use the graph's KV cache where it has one (default true); false re-runs the whole sequence per token. */
  useCache?: boolean;
  /** Awaited before each step; throwing stops the run before its next token (a server's cancelled request). */
  beforeStep?: () => Promise<void>;
}

export interface Generation {
  promptTokenIds: number[];
  promptTruncated: boolean;
  /** Message when the prompt was truncated. */
  notice?: string;
  /** New tokens only. */
  tokenIds: number[];
  /** Display strings, byte tokens as <0xNN> like decodeTokens. */
  tokens: string[];
  /** Decoded continuation. */
  text: string;
}

/** A session for generation: the graph with one float `[width]` input added at each steered hook. */
export interface Decoder {
  session: ort.InferenceSession;
  /** Token and cache inputs to fill with `buildFeeds` (the steering inputs are not among them). */
  inputs: onnx.IValueInfoProto[];
  /** Steering input name per hook. */
  steeringInputs: Record<string, string>;
  logitsName: string;
  /** Empty when the graph has no KV cache. */
  cache: CachePair[];
}

/** What `generate` needs of a loaded model (a `LanguageModel`). */
export interface GenerationHost {
  readonly contextLength: number;
  readonly vocabSize: number;
  readonly eosTokenId: number | null;
  readonly hookPoints: readonly HookPoint[];
  /** Hooks the model's blocks lack, with the reason (named in the error when one is asked for). */
  readonly absentHooks?: readonly AbsentHook[];
  encode(text: string): number[];
  decodeTokens(ids: ArrayLike<number>): string[];
  decode(ids: ArrayLike<number>): string;
  /** The decoder graph with steering inputs at `hooks` (none: the plain graph). */
  decoder(hooks: readonly string[]): Promise<Decoder>;
}

/**
 * Continues `prompt` token by token (greedy, or temperature sampling with a seeded generator),
 * with optional steering. Uses the graph's KV cache when it has one: the prompt runs once with
 * an empty past, then each new token runs alone against the cached keys and values.
 */
export async function generate(host: GenerationHost, prompt: string, options: GenerateOptions): Promise<Generation> {
  const { maxNewTokens, temperature = 0, stopAtEos = true } = options;
  checkOptions(host, options);
  const deltas = steeringDeltas(host, options.steering ?? []);
  const decoder = await host.decoder([...deltas.keys()]);
  const { ids: promptTokenIds, notice } = fitPrompt(host, prompt, maxNewTokens);
  const steeringFeeds: Record<string, ort.Tensor> = {};
  for (const [hook, delta] of deltas) steeringFeeds[decoder.steeringInputs[hook]!] = new ort.Tensor('float32', delta, [delta.length]);
  const random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
  const useCache = (options.useCache ?? true) && decoder.cache.length > 0;
  const sequence = [...promptTokenIds];
  const tokenIds: number[] = [];
  let past: PastCache | undefined;
  for (let step = 0; step < maxNewTokens; step++) {
    await options.beforeStep?.();
    const fed = useCache && past ? sequence.slice(past.length) : sequence;
    const feeds = {
      ...buildFeeds(decoder.inputs, { inputIds: Int32Array.from(fed), batch: 1, seqLen: fed.length, past }),
      ...steeringFeeds,
    };
    const outputNames = useCache ? [decoder.logitsName, ...decoder.cache.map((pair) => pair.present)] : [decoder.logitsName];
    const outputs = await runChecked(decoder.session, feeds, outputNames);
    if (useCache) past = nextCache(decoder.cache, outputs, sequence.length);
    const logits = floatData(outputs[decoder.logitsName]!, decoder.logitsName);
    const next = pickToken(logits.subarray(logits.length - host.vocabSize), temperature, random);
    sequence.push(next);
    tokenIds.push(next);
    if (stopAtEos && next === host.eosTokenId) break;
  }
  return {
    promptTokenIds,
    promptTruncated: notice !== undefined,
    ...(notice ? { notice } : {}),
    tokenIds,
    tokens: host.decodeTokens(tokenIds),
    text: host.decode(tokenIds),
  };
}

function checkOptions(host: GenerationHost, options: GenerateOptions): void {
  const { maxNewTokens, temperature = 0, seed } = options;
  if (!Number.isInteger(maxNewTokens) || maxNewTokens < 1 || maxNewTokens >= host.contextLength) {
    throw new ModelError(
      `maxNewTokens must be an integer from 1 to ${host.contextLength - 1} (the context length ${host.contextLength} ` +
        `minus at least one prompt token), got ${maxNewTokens}.`,
    );
  }
  if (!Number.isFinite(temperature) || temperature < 0) {
    throw new ModelError(`temperature must be 0 (greedy) or a positive number, got ${temperature}.`);
  }
  if (seed !== undefined && !Number.isInteger(seed)) throw new ModelError(`seed must be an integer, got ${seed}.`);
}

/** The prompt's ids, cut from the left so that `maxNewTokens` fit the context; an empty prompt starts from EOS. */
function fitPrompt(host: GenerationHost, prompt: string, maxNewTokens: number): { ids: number[]; notice?: string } {
  const ids = host.encode(prompt);
  if (ids.length === 0) {
    if (host.eosTokenId === null) throw new ModelError('The prompt is empty and the tokenizer has no end-of-text token to start from.');
    return { ids: [host.eosTokenId] };
  }
  const room = host.contextLength - maxNewTokens;
  if (ids.length <= room) return { ids };
  return {
    ids: ids.slice(ids.length - room),
    notice:
      `The prompt is ${ids.length} tokens; kept its last ${room} so that ${maxNewTokens} new tokens fit the ` +
      `context length of ${host.contextLength}.`,
  };
}

/** Sum of strength · direction per hook, checked against the hook's width. */
function steeringDeltas(host: GenerationHost, edits: readonly SteeringEdit[]): Map<string, Float32Array> {
  const deltas = new Map<string, Float32Array>();
  for (const edit of edits) {
    const point = host.hookPoints.find((hook) => hook.name === edit.hook);
    if (!point) {
      throw unknownHookError(edit.hook, host.hookPoints.map((hook) => hook.name), host.absentHooks, 'steering hook');
    }
    if (!(edit.direction instanceof Float32Array) || edit.direction.length !== point.width) {
      throw new ModelError(`The steering direction for ${edit.hook} must be a Float32Array of ${point.width} floats, got ${edit.direction?.length ?? typeof edit.direction}.`);
    }
    if (!Number.isFinite(edit.strength)) throw new ModelError(`Steering strength for ${edit.hook} must be a finite number, got ${edit.strength}.`);
    const delta = deltas.get(edit.hook) ?? new Float32Array(point.width);
    for (let i = 0; i < point.width; i++) delta[i]! += edit.strength * edit.direction[i]!;
    deltas.set(edit.hook, delta);
  }
  return deltas;
}
