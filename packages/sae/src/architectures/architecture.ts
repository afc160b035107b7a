import type { Device } from '@atlas/onnx';
import type { EncodedBatch } from '../encoding/encoder-session.ts';
import type { VectorKernels } from '../kernels/choose-kernels.ts';
import type { accumulateBackward, Params } from '../training/gradients.ts';
import type { GbaWindow } from '../training/group-bias-adaptation.ts';
import type { Optimiser } from '../training/optimiser.ts';
import type { Prepare, PrepareState } from '../training/prepare.ts';
import type { SaeConfig, SaeWeights, SparseCodes } from '../types.ts';
import type { ArchitectureOptions } from './architecture-options.ts';

/** onnxruntime settings every session of a run shares. */
export interface SessionOptions {
  threads?: number;
  /** Execution provider (default cpu; an unavailable one falls back to CPU with a warning). */
  device?: Device;
}

/** An inference encoder bound to an SAE's weights: `slots` codes per row, 0 where a slot does not fire. */
export interface CodeSession {
  run(x: Float32Array, rows: number): Promise<SparseCodes>;
  close(): Promise<void>;
}

/** The encoder training runs each step, bound to the arrays it trains (in-place updates are seen). */
export interface TrainingSession {
  run(x: Float32Array, rows: number, auxK?: number): Promise<EncodedBatch>;
  close(): Promise<void>;
}

/** What an architecture decides when a run is planned. */
export interface ArchitecturePlan<Settings> {
  /** The SAE's k as saved in its config (relu/jumprelu/gba: the code cap). */
  k: number;
  /** Code slots per row the training graph returns. */
  slots: number;
  /** λ of the sparsity penalty at full strength (0: none). */
  sparsityCoefficient: number;
  /** The architecture's own validated settings; they decide the result, so checkpoints compare them. */
  settings: Settings;
}

/** One training run, as an architecture sees it. */
export interface TrainingRun<Settings> {
  dIn: number;
  width: number;
  k: number;
  slots: number;
  settings: Settings;
  totalSteps: number;
  /** jumprelu: initial θ. */
  initialThreshold: number;
  /** The trainable arrays (an architecture may add its own, e.g. jumprelu's logThreshold). */
  params: Params;
  optimiser: Optimiser;
  kernels: VectorKernels;
  /** What `prepare` reads; the architecture keeps its parts current in `beforeStep`. */
  state: PrepareState;
}

/** What an architecture adds to the shared training step (`training/train.ts`). */
export interface ArchitectureTrainer {
  /** Opens the encoder training runs; with `deadBias`, the variant that also returns the auxiliary-k codes. */
  openSession(options: SessionOptions, deadBias?: Float32Array): Promise<TrainingSession>;
  /** The per-row backward pass (default: the encoder's, `accumulateBackward`). */
  accumulate?: typeof accumulateBackward;
  /** Per-latent firing statistics the graph reduces each step (gba); kept in checkpoints. */
  gbaWindow?: GbaWindow;
  /**
   * Before the first step of a fresh run (not one resumed from a checkpoint), with the normalised
   * evaluation sample (gba's quantile bias start).
   */
  start?(context: { sample: Float32Array; sampleRows: number; session: SessionOptions }): Promise<void>;
  /** Before each step's encoding (e.g. relu's decoder norms, jumprelu's θ from logθ). */
  beforeStep?(): void;
  /** After the optimiser step that completed `step` steps (gba's bias update). */
  afterStep?(step: number): void;
  /** Completes the trained SAE (thresholds, mp's W_enc) before its final evaluation. */
  finish?(sae: SaeWeights, done: { sample: Float32Array; sampleRows: number; session: SessionOptions }): Promise<void>;
}

/** The read side of a SAELens cfg.json, for one architecture. */
export interface SaeLensReading {
  /** The whole cfg.json object. */
  json: Record<string, unknown>;
  /** Its metadata (v6: `metadata`; older configs: the top level). */
  metadata: Record<string, unknown>;
  width: number;
  /** Throws a SaeError naming cfg.json and the problem. */
  fail(problem: string): never;
}

/** How an architecture is stored in a SAELens folder (`formats/saelens-config.ts`). */
export interface SaeLensMapping {
  /** SAELens's `architecture` this one is saved as. */
  architecture: string;
  /**
   * Whether it shares that SAELens architecture with the one that is its plain reading (batchtopk
   * is saved as jumprelu, gba as standard), so it is marked `metadata.atlas_architecture: <name>`
   * to load back as itself.
   */
  marked: boolean;
  /** Top-level cfg.json keys beyond the shared ones. */
  fields?(cfg: SaeConfig): Record<string, unknown>;
  /** Metadata keys beyond the shared ones (and `atlas_architecture`). */
  metadata?(cfg: SaeConfig): Record<string, unknown>;
  /** Its k and its own config keys, from cfg.json. */
  read(reading: SaeLensReading): Pick<SaeConfig, 'k' | 'residualThreshold'>;
}

/**
 * Everything specific to one SAE architecture; shared code asks the registry (`registry.ts`) for
 * it by name. Adding an architecture: one module declaring this, and one line in the registry.
 */
export interface SaeArchitecture<Name extends string = string, Settings = unknown> {
  readonly name: Name;
  /** What it computes, in a line. */
  readonly summary: string;
  /** Training needs `k` (the SAE's latents or steps per row); otherwise k defaults to the code cap. */
  readonly needsK: boolean;
  /** The auxiliary-k loss applies: dead latents can be revived by a TopK over them in the same graph. */
  readonly auxK: boolean;
  /** Selects over the whole batch, so a batch is encoded in one piece (never pipelined). */
  readonly wholeBatch: boolean;
  /** Weights beyond W_enc, b_enc, W_dec and b_dec (saved and loaded with the SAE). */
  readonly extraWeights: readonly 'threshold'[];
  /** Why `createTopKEncoder` cannot encode it, when it cannot. */
  readonly topKEncoderRefusal?: string;
  /** Validates its options and fills in its defaults; `k` is the given k (1 when absent), already checked against the width. */
  plan(options: ArchitectureOptions, k: number): ArchitecturePlan<Settings>;
  /** Its own keys of the SAE's config (mp's residualThreshold). */
  config?(settings: Settings): Partial<SaeConfig>;
  /** The training step's codes and penalty from the graph's codes (batchtopk's batch selection, relu's L1, jumprelu's jump); none: codes as they are. */
  makePrepare?(state: PrepareState): Prepare;
  /** Sets up a training run: extra parameters, the encoder, per-step hooks. */
  train(run: TrainingRun<Settings>): ArchitectureTrainer;
  /** The inference encoder of a trained SAE with `slots` codes per row. */
  openEncoder(sae: SaeWeights, slots: number, options: SessionOptions): Promise<CodeSession>;
  readonly saeLens: SaeLensMapping;
}
