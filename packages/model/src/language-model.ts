import { createSession, encodeModel, runChecked, ort, type Device, type onnx } from '@atlas/onnx';
import type { ModelConfig } from './config.ts';
import { ModelError } from './errors.ts';
import { exposeOutputs, spliceInput } from './expose-outputs.ts';
import { buildFeeds } from './feeds.ts';
import type { HookPoint } from './hooks.ts';
import type { Tokenizer } from './tokenizer.ts';

export interface RunRequest {
  /** Row-major [batch, seqLen] ids, or one array per row (then batch and seqLen may be left out). */
  inputIds: Int32Array | readonly (readonly number[])[];
  batch?: number;
  seqLen?: number;
  /** Hook names to return, e.g. `blocks.2.hook_resid_post` (see `hookNames`). */
  hooks: readonly string[];
  /** Row-major [batch, seqLen], 1 = token, 0 = padding. */
  attentionMask?: ArrayLike<number>;
  /** Also return logits. Off by default: a hook-only run skips every layer after the last hook. */
  logits?: boolean;
}

export interface RunResult {
  /** Per requested hook: [batch * seqLen, width] (width = dModel, or heads × d_head for attn.hook_z), row-major. */
  activations: Record<string, Float32Array>;
  /** [batch * seqLen, vocabSize], when asked for. */
  logits?: Float32Array;
}

export interface SpliceRequest {
  /** Row-major [batch, seqLen] ids, or one array per row. */
  inputIds: Int32Array | readonly (readonly number[])[];
  batch?: number;
  seqLen?: number;
  attentionMask?: ArrayLike<number>;
  /** The hook whose activation is replaced, e.g. `blocks.1.hook_resid_post`. */
  hook: string;
  /**
   * Gets the hook's activation ([batch * seqLen, width], row-major; a copy it may edit in place)
   * and returns the tensor the rest of the model runs on, of the same length.
   */
  replace: (activation: Float32Array) => Float32Array;
  /** Logits are what a splice is for; must be true (kept explicit, like `run`). */
  logits: true;
}

export interface SpliceResult {
  /** The hook's original activation, [batch * seqLen, width]. */
  activation: Float32Array;
  /** [batch * seqLen, vocabSize] from the edited activation. */
  logits: Float32Array;
}

export interface LanguageModelParts {
  dir: string;
  onnxPath: string;
  config: ModelConfig;
  tokenizer: Tokenizer;
  graph: onnx.IModelProto;
  hooks: HookPoint[];
  dModel: number;
  layerCount: number;
  contextLength: number;
  vocabSize: number;
  device: Device;
  threads?: number;
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
  readonly #graph: onnx.IModelProto;
  readonly #inputs: onnx.IValueInfoProto[];
  readonly #logitsName: string;
  readonly #threads: number | undefined;
  readonly #sessions = new Map<string, Promise<ort.InferenceSession>>();
  readonly #suffixes = new Map<string, Promise<{ session: ort.InferenceSession; inputs: onnx.IValueInfoProto[] }>>();

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
    this.#graph = parts.graph;
    this.#threads = parts.threads;
    const graph = parts.graph.graph ?? {};
    const initializers = new Set((graph.initializer ?? []).map((tensor) => tensor.name));
    this.#inputs = (graph.input ?? []).filter((input) => !initializers.has(input.name));
    const outputs = (graph.output ?? []).map((output) => output.name ?? '');
    this.#logitsName = outputs.includes('logits') ? 'logits' : (outputs[0] ?? 'logits');
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

  async run(request: RunRequest): Promise<RunResult> {
    const { inputIds, batch, seqLen } = flattenIds(request);
    const hooks = [...new Set(request.hooks)];
    this.#validate(inputIds, batch, seqLen, hooks, request.attentionMask);
    const wantLogits = request.logits ?? false;
    if (hooks.length === 0 && !wantLogits) throw new ModelError('run() needs at least one hook or logits: true.');
    const session = await this.#session(hooks, wantLogits);
    const feeds = buildFeeds(this.#inputs, { inputIds, batch, seqLen, attentionMask: request.attentionMask });
    const outputNames = wantLogits ? [...hooks, this.#logitsName] : hooks;
    const outputs = await runChecked(session, feeds, outputNames);
    const activations: Record<string, Float32Array> = {};
    for (const hook of hooks) activations[hook] = floatOutput(outputs, hook, batch * seqLen * this.#hook(hook).width);
    const result: RunResult = { activations };
    if (wantLogits) result.logits = floatOutput(outputs, this.#logitsName, batch * seqLen * this.vocabSize);
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
    this.#validate(inputIds, batch, seqLen, [request.hook], request.attentionMask);
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
    return { activation, logits: floatOutput(outputs, this.#logitsName, batch * seqLen * this.vocabSize) };
  }

  /** Sessions built so far: one per distinct (hook set, logits) request, plus one per spliced hook. */
  get sessionCount(): number {
    return this.#sessions.size + this.#suffixes.size;
  }

  /** Releases every cached onnxruntime session. */
  async dispose(): Promise<void> {
    const sessions = [...this.#sessions.values()];
    const suffixes = [...this.#suffixes.values()];
    this.#sessions.clear();
    this.#suffixes.clear();
    await Promise.all([
      ...sessions.map(async (session) => (await session).release()),
      ...suffixes.map(async (entry) => (await entry).session.release()),
    ]);
  }

  #validate(ids: Int32Array, batch: number, seqLen: number, hooks: string[], mask?: ArrayLike<number>): void {
    if (!Number.isInteger(batch) || !Number.isInteger(seqLen) || batch < 1 || seqLen < 1) {
      throw new ModelError(`batch and seqLen must be positive integers (got ${batch} × ${seqLen}).`);
    }
    if (ids.length !== batch * seqLen) {
      throw new ModelError(`inputIds has ${ids.length} ids, expected batch × seqLen = ${batch} × ${seqLen}.`);
    }
    if (mask && mask.length !== ids.length) {
      throw new ModelError(`attentionMask has ${mask.length} entries, expected ${ids.length}.`);
    }
    if (seqLen > this.contextLength) {
      throw new ModelError(`seqLen ${seqLen} is longer than the model's context length ${this.contextLength}.`);
    }
    const unknown = hooks.filter((hook) => !this.hookNames.includes(hook));
    if (unknown.length > 0) {
      throw new ModelError(`Unknown hook ${unknown.join(', ')}. Valid hooks: ${this.hookNames.join(', ')}.`);
    }
    for (const id of ids) {
      if (id < 0 || id >= this.vocabSize) {
        throw new ModelError(`Token id ${id} is outside the vocabulary [0, ${this.vocabSize}).`);
      }
    }
  }

  #hook(name: string): HookPoint {
    const point = this.hookPoints.find((hook) => hook.name === name);
    if (!point) throw new ModelError(`Unknown hook ${name}. Valid hooks: ${this.hookNames.join(', ')}.`);
    return point;
  }

  /** The graph after `point`, fed the (edited) hook tensor; cached per hook. */
  #suffixSession(point: HookPoint): Promise<{ session: ort.InferenceSession; inputs: onnx.IValueInfoProto[] }> {
    let entry = this.#suffixes.get(point.name);
    if (!entry) {
      const suffix = spliceInput(this.#graph, { tensor: point.tensor, as: SPLICE_INPUT, width: point.width }, [this.#logitsName]);
      const initializers = new Set((suffix.graph?.initializer ?? []).map((tensor) => tensor.name));
      const inputs = (suffix.graph?.input ?? []).filter((input) => !initializers.has(input.name) && input.name !== SPLICE_INPUT);
      entry = createSession(encodeModel(suffix), { device: this.device, threads: this.#threads }).then((s) => ({ session: s.session, inputs }));
      entry.catch(() => this.#suffixes.delete(point.name));
      this.#suffixes.set(point.name, entry);
    }
    return entry;
  }

  /** One session per (hooks, logits) set, built from the graph with those outputs exposed. */
  #session(hooks: readonly string[], logits: boolean): Promise<ort.InferenceSession> {
    const key = `${[...hooks].sort().join(',')}|${logits ? 'logits' : ''}`;
    let session = this.#sessions.get(key);
    if (!session) {
      const exposed = hooks.map((hook) => ({
        tensor: this.#hook(hook).tensor,
        as: hook,
        width: this.#hook(hook).width,
      }));
      const bytes = encodeModel(exposeOutputs(this.#graph, exposed, logits ? [this.#logitsName] : []));
      session = createSession(bytes, { device: this.device, threads: this.#threads }).then((s) => s.session);
      session.catch(() => this.#sessions.delete(key));
      this.#sessions.set(key, session);
    }
    return session;
  }
}

/** Name of the suffix graph's input that receives the edited hook activation. */
const SPLICE_INPUT = 'atlas_splice_activation';

function flattenIds(request: Pick<RunRequest, 'inputIds' | 'batch' | 'seqLen'>): { inputIds: Int32Array; batch: number; seqLen: number } {
  if (request.inputIds instanceof Int32Array) {
    if (request.batch === undefined || request.seqLen === undefined) {
      throw new ModelError('run() with an Int32Array of ids needs batch and seqLen.');
    }
    return { inputIds: request.inputIds, batch: request.batch, seqLen: request.seqLen };
  }
  const rows = request.inputIds;
  const seqLen = request.seqLen ?? rows[0]?.length ?? 0;
  const ragged = rows.findIndex((row) => row.length !== seqLen);
  if (ragged >= 0) throw new ModelError(`Row ${ragged} has ${rows[ragged]!.length} ids; every row needs ${seqLen}.`);
  if (request.batch !== undefined && request.batch !== rows.length) {
    throw new ModelError(`batch is ${request.batch} but ${rows.length} rows were given.`);
  }
  return { inputIds: Int32Array.from(rows.flat()), batch: rows.length, seqLen };
}

function floatOutput(outputs: Record<string, ort.Tensor>, name: string, expected: number): Float32Array {
  const data = outputs[name]?.data;
  if (!(data instanceof Float32Array) || data.length !== expected) {
    const got = data instanceof Float32Array ? `${data.length} floats` : typeof data;
    throw new ModelError(`Output ${name} should hold ${expected} floats, got ${got}.`);
  }
  return data;
}
