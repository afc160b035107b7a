import { createSession, encodeModel, runChecked, ort, type Device, type onnx } from '@atlas/onnx';
import type { ModelConfig } from './config.ts';
import { ModelError } from './errors.ts';
import { exposeOutputs, spliceInput } from './expose-outputs.ts';
import { checkExternalData } from './external-data.ts';
import { buildFeeds } from './feeds.ts';
import { generate, type Decoder, type GenerateOptions, type Generation } from './generate.ts';
import type { AbsentHook, HookPoint } from './hooks/hook-point.ts';
import { unknownHookError } from './hooks/unknown-hook.ts';
import { findCachePairs } from './kv-cache.ts';
import { flattenIds, validateRequest, type RunRequest, type RunResult, type SpliceRequest, type SpliceResult } from './requests.ts';
import { addInputsAt } from './steer-inputs.ts';
import { unfuseResidualNorm } from './unfuse-norm.ts';
import { floatData } from './tensor-data.ts';
import type { Tokenizer } from './tokenizer.ts';

/** A cached session and the graph inputs `buildFeeds` fills for it. */
interface GraphSession {
  session: ort.InferenceSession;
  inputs: onnx.IValueInfoProto[];
}

export interface LanguageModelParts {
  dir: string;
  onnxPath: string;
  config: ModelConfig;
  tokenizer: Tokenizer;
  graph: onnx.IModelProto;
  hooks: HookPoint[];
  /** Hooks of the model's blocks that its graph does not have, with the reason. */
  absentHooks?: AbsentHook[];
  dModel: number;
  layerCount: number;
  contextLength: number;
  vocabSize: number;
  device: Device;
  threads?: number;
  /** Folder the graph's external-data locations are relative to (the .onnx file's); sessions read those weights from there. */
  externalDataDir?: string;
}

/** A loaded ONNX language model; build one with `loadLanguageModel`. */
export class LanguageModel {
  readonly dir: string;
  readonly onnxPath: string;
  readonly config: ModelConfig;
  readonly tokenizer: Tokenizer;
  readonly dModel: number;
  readonly layerCount: number;
  readonly contextLength: number;
  readonly vocabSize: number;
  /** Device asked for; a session falls back to CPU (with a printed message) when it is unavailable. */
  readonly device: Device;
  /** Every hook name this model offers, in layer order. */
  readonly hookNames: string[];
  readonly hookPoints: HookPoint[];
  /** Hooks a block lacks (resid_mid of a parallel block, tensors a fused kernel hides), each with the reason. */
  readonly absentHooks: AbsentHook[];
  /** Attention heads (config `n_head` / `num_attention_heads`), when the config gives them. */
  readonly headCount: number | undefined;
  /** Width of one head in `attn.hook_z` (its width ÷ headCount), when both are known. */
  readonly headDim: number | undefined;
  /** Whether the graph takes `past_key_values.*` and returns `present.*` (generation then uses a KV cache). */
  readonly hasKvCache: boolean;
  readonly #graph: onnx.IModelProto;
  readonly #logitsName: string;
  readonly #threads: number | undefined;
  readonly #externalDataDir: string | undefined;
  /** One session per graph variant: hook outputs, splice suffix, steering inputs. */
  readonly #sessions = new Map<string, Promise<GraphSession>>();

  constructor(parts: LanguageModelParts) {
    this.dir = parts.dir;
    this.onnxPath = parts.onnxPath;
    this.config = parts.config;
    this.tokenizer = parts.tokenizer;
    this.dModel = parts.dModel;
    this.layerCount = parts.layerCount;
    this.contextLength = parts.contextLength;
    this.vocabSize = parts.vocabSize;
    this.device = parts.device;
    this.hookPoints = parts.hooks;
    this.hookNames = parts.hooks.map((hook) => hook.name);
    this.absentHooks = parts.absentHooks ?? [];
    this.#graph = parts.graph;
    this.#threads = parts.threads;
    this.#externalDataDir = parts.externalDataDir;
    const graph = parts.graph.graph ?? {};
    const outputs = (graph.output ?? []).map((output) => output.name ?? '');
    this.#logitsName = outputs.includes('logits') ? 'logits' : (outputs[0] ?? 'logits');
    this.hasKvCache = findCachePairs(graph.input ?? [], graph.output ?? []).length > 0;
    this.headCount = parts.config.headCount;
    const zWidth = parts.hooks.find((hook) => hook.kind === 'attn.hook_z')?.width;
    this.headDim = zWidth !== undefined && this.headCount ? zWidth / this.headCount : undefined;
  }

  get eosTokenId(): number | null {
    return this.tokenizer.eosTokenId ?? this.config.eosTokenId ?? null;
  }

  encode(text: string): number[] {
    return this.tokenizer.encode(text);
  }

  decodeTokens(ids: ArrayLike<number>): string[] {
    return this.tokenizer.decodeTokens(ids);
  }

  /** The ids as one text. */
  decode(ids: ArrayLike<number>): string {
    return this.tokenizer.decode(ids);
  }

  /**
   * Continues `prompt` (greedy, or sampled with `temperature` and a `seed`), adding
   * `strength · direction` at each steering hook on every position. Uses the graph's KV cache
   * where it has one. A prompt too long for `contextLength − maxNewTokens` is cut from the left
   * (`promptTruncated`, `notice`).
   */
  generate(prompt: string, options: GenerateOptions): Promise<Generation> {
    return generate(this, prompt, options);
  }

  /** The graph with a float `[width]` input added at each of `hooks` (none: the plain graph), all outputs kept. */
  async decoder(hooks: readonly string[]): Promise<Decoder> {
    const sorted = [...new Set(hooks)].sort();
    const steeringInputs = Object.fromEntries(sorted.map((hook) => [hook, `atlas_steer/${hook}`]));
    const points = sorted.map((hook) => this.#hook(hook));
    const { session, inputs } = await this.#open(`steer|${sorted.join(',')}`, () =>
      addInputsAt(
        points.reduce((graph, point) => unfuseResidualNorm(graph, point.tensor), this.#graph),
        points.map((point) => ({ tensor: point.tensor, as: steeringInputs[point.name]!, width: point.width })),
      ),
    );
    const graph = this.#graph.graph ?? {};
    const cache = findCachePairs(graph.input ?? [], graph.output ?? []);
    const fed = inputs.filter((input) => !Object.values(steeringInputs).includes(input.name ?? ''));
    return { session, inputs: fed, steeringInputs, logitsName: this.#logitsName, cache };
  }

  async run(request: RunRequest): Promise<RunResult> {
    const { inputIds, batch, seqLen } = flattenIds(request);
    const hooks = [...new Set(request.hooks)];
    validateRequest(this, inputIds, batch, seqLen, hooks, request.attentionMask);
    const wantLogits = request.logits ?? false;
    if (hooks.length === 0 && !wantLogits) throw new ModelError('run() needs at least one hook or logits: true.');
    const { session, inputs } = await this.#exposed(hooks, wantLogits);
    const feeds = buildFeeds(inputs, { inputIds, batch, seqLen, attentionMask: request.attentionMask });
    const outputNames = wantLogits ? [...hooks, this.#logitsName] : hooks;
    const outputs = await runChecked(session, feeds, outputNames);
    const activations: Record<string, Float32Array> = {};
    for (const hook of hooks) activations[hook] = floatData(outputs[hook]!, hook, batch * seqLen * this.#hook(hook).width);
    const result: RunResult = { activations };
    if (wantLogits) result.logits = floatData(outputs[this.#logitsName]!, this.#logitsName, batch * seqLen * this.vocabSize);
    return result;
  }

  /**
   * Runs the model with one hook's activation replaced: the graph is split at the hook, the
   * prefix computes the activation, `replace` edits it, and the suffix (a second graph whose
   * input is the hook tensor, plus whatever else the rest reads, e.g. the attention mask) runs
   * on the result to the logits.
   */
  async runSpliced(request: SpliceRequest): Promise<SpliceResult> {
    const { inputIds, batch, seqLen } = flattenIds(request);
    validateRequest(this, inputIds, batch, seqLen, [request.hook], request.attentionMask);
    if (request.logits !== true) throw new ModelError('runSpliced() returns logits; pass logits: true.');
    const point = this.#hook(request.hook);
    const { activations } = await this.run({ inputIds, batch, seqLen, hooks: [request.hook], attentionMask: request.attentionMask });
    const activation = activations[request.hook]!;
    const replaced = request.replace(Float32Array.from(activation));
    if (!(replaced instanceof Float32Array) || replaced.length !== activation.length) {
      const got = replaced instanceof Float32Array ? `${replaced.length} floats` : typeof replaced;
      throw new ModelError(
        `replace() for ${request.hook} must return a Float32Array of ${activation.length} floats ` +
          `([${batch * seqLen}, ${point.width}]), got ${got}.`,
      );
    }
    const { session, inputs } = await this.#suffixSession(point);
    const feeds = buildFeeds(inputs, { inputIds, batch, seqLen, attentionMask: request.attentionMask });
    feeds[SPLICE_INPUT] = new ort.Tensor('float32', replaced, [batch, seqLen, point.width]);
    const outputs = await runChecked(session, feeds, [this.#logitsName]);
    return { activation, logits: floatData(outputs[this.#logitsName]!, this.#logitsName, batch * seqLen * this.vocabSize) };
  }

  /** Sessions built so far: one per distinct (hook set, logits) request, spliced hook, or steered hook set. */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** Releases every cached onnxruntime session. */
  async dispose(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    this.#sessions.clear();
    await Promise.all(sessions.map(async (entry) => (await entry).session.release()));
  }

  #hook(name: string): HookPoint {
    const point = this.hookPoints.find((hook) => hook.name === name);
    if (!point) throw unknownHookError(name, this.hookNames, this.absentHooks);
    return point;
  }

  /** The graph after `point`, fed the (edited) hook tensor; cached per hook. */
  #suffixSession(point: HookPoint): Promise<GraphSession> {
    return this.#open(`splice|${point.name}`, () =>
      spliceInput(unfuseResidualNorm(this.#graph, point.tensor), { tensor: point.tensor, as: SPLICE_INPUT, width: point.width }, [this.#logitsName]),
    );
  }

  /** The graph with `hooks` exposed as outputs (and logits when asked), pruned after them. */
  #exposed(hooks: readonly string[], logits: boolean): Promise<GraphSession> {
    const key = `run|${[...hooks].sort().join(',')}|${logits ? 'logits' : ''}`;
    return this.#open(key, () =>
      exposeOutputs(this.#graph, hooks.map((hook) => ({ tensor: this.#hook(hook).tensor, as: hook, width: this.#hook(hook).width })), logits ? [this.#logitsName] : []),
    );
  }

  /** A session for a graph variant, built once per key; its fed inputs exclude initializers and the splice input. */
  #open(key: string, build: () => onnx.IModelProto): Promise<GraphSession> {
    let entry = this.#sessions.get(key);
    if (!entry) {
      const variant = build();
      const initializers = new Set((variant.graph?.initializer ?? []).map((tensor) => tensor.name));
      const inputs = (variant.graph?.input ?? []).filter((input) => !initializers.has(input.name) && input.name !== SPLICE_INPUT);
      // Variants keep external initializers as references (a small graph); onnxruntime reads the weights from the folder.
      const options = { device: this.device, threads: this.#threads, externalDataDir: this.#externalDataDir };
      entry = createSession(encodeModel(variant), options).then(
        ({ session }) => ({ session, inputs }),
        (error: unknown) => {
          // A data file removed or cut since load: name it rather than onnxruntime's native error.
          if (this.#externalDataDir !== undefined) checkExternalData(variant, this.#externalDataDir);
          throw error;
        },
      );
      entry.catch(() => this.#sessions.delete(key));
      this.#sessions.set(key, entry);
    }
    return entry;
  }
}

/** Name of the suffix graph's input that receives the edited hook activation. */
const SPLICE_INPUT = 'atlas_splice_activation';
