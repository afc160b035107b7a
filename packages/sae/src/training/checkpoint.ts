import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSafetensors, writeSafetensors } from '@atlas/safetensors';
import type { Tensor } from '@atlas/safetensors';
import type { DeadLatentTracker } from './dead-latents.ts';
import type { GbaWindow } from './group-bias-adaptation.ts';
import type { Params } from './gradients.ts';
import { OPTIMISED_PARAMS } from './optimiser.ts';
import type { Optimiser } from './optimiser.ts';
import { SaeError } from '../sae-error.ts';

/** The one file of a checkpoint folder: every array as a tensor, the rest as JSON metadata. */
export const CHECKPOINT_FILE = 'checkpoint.safetensors';
const FORMAT_VERSION = 1;
const METADATA_KEY = 'atlas_checkpoint';

/** Everything a training run changes as it goes; the data position follows from `step`. */
export interface TrainingState {
  params: Params;
  optimiser: Optimiser;
  tracker: DeadLatentTracker;
  gbaWindow?: GbaWindow;
}

export interface CheckpointInfo {
  /** Steps completed. */
  step: number;
  /** expected_average_only_in's input factor (1 otherwise). */
  activationScale: number;
  /** Loss of the last completed step. */
  loss: number;
}

/** The options that decide a run's result, and their hash: a checkpoint resumes only the same run. */
export interface RunIdentity {
  options: Record<string, unknown>;
  hash: string;
}

/** A short hash of rows of data (the evaluation sample): resuming on other activations is refused. */
export function dataFingerprint(rows: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(rows.buffer, rows.byteOffset, rows.byteLength)).digest('hex').slice(0, 16);
}

export function runIdentity(options: Record<string, unknown>): RunIdentity {
  return { options, hash: createHash('sha256').update(canonicalJson(options)).digest('hex').slice(0, 16) };
}

/**
 * JSON with every object's keys sorted, at every depth, so equal options hash alike whatever
 * order they were built in. (A key list as JSON.stringify's replacer would also filter nested
 * objects by the top-level keys: gba's settings then serialised as {}.)
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) =>
    nested !== null && typeof nested === 'object' && !Array.isArray(nested)
      ? Object.fromEntries(Object.entries(nested).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : nested,
  );
}

interface Saved extends CheckpointInfo {
  version: number;
  hash: string;
  options: Record<string, unknown>;
  adamStep: number;
  trackerTokens: number;
  gbaRows?: number;
}

/** Name and first offending array when any parameter or Adam moment is NaN or infinite. */
export function firstNonFinite(state: TrainingState): string | undefined {
  const arrays: Array<[string, Float32Array | undefined]> = Object.entries(state.params);
  for (const name of OPTIMISED_PARAMS) {
    arrays.push([`Adam m of ${name}`, state.optimiser.state[name].m], [`Adam v of ${name}`, state.optimiser.state[name].v]);
  }
  for (const [name, array] of arrays) {
    if (!array) continue;
    for (let i = 0; i < array.length; i++) if (array[i]! - array[i]! !== 0) return name;
  }
  return undefined;
}

/**
 * Writes the state after `info.step` steps to `dir/checkpoint.safetensors` in one atomic
 * rename (weights, Adam moments, dead-latent clocks, GBA window, and the step, scale and run
 * identity as metadata), so a kill at any moment leaves the previous checkpoint or this one.
 */
export async function saveCheckpoint(dir: string, run: RunIdentity, state: TrainingState, info: CheckpointInfo): Promise<void> {
  const { params, optimiser, tracker, gbaWindow } = state;
  const f32 = (data: Float32Array): Tensor => ({ dtype: 'F32', shape: [data.length], data });
  const i64 = (data: Float64Array): Tensor => ({ dtype: 'I64', shape: [data.length], data: BigInt64Array.from(data, (v) => BigInt(v)) });
  const tensors: Record<string, Tensor> = {};
  for (const [name, data] of Object.entries(params)) if (data) tensors[name] = f32(data);
  for (const name of OPTIMISED_PARAMS) {
    tensors[`adam.${name}.m`] = f32(optimiser.state[name].m);
    tensors[`adam.${name}.v`] = f32(optimiser.state[name].v);
  }
  const { tokens, lastFired } = tracker.snapshot();
  tensors['dead.last_fired'] = i64(lastFired);
  if (gbaWindow) {
    tensors['gba.fired'] = i64(gbaWindow.fired);
    tensors['gba.max_pre'] = f32(gbaWindow.maxPre);
  }
  const saved: Saved = {
    version: FORMAT_VERSION, hash: run.hash, options: run.options, ...info, adamStep: optimiser.t, trackerTokens: tokens,
    ...(gbaWindow ? { gbaRows: gbaWindow.rows } : {}),
  };
  await mkdir(dir, { recursive: true });
  await writeSafetensors(join(dir, CHECKPOINT_FILE), tensors, { [METADATA_KEY]: JSON.stringify(saved) });
}

/**
 * Restores `state` from `dir`'s checkpoint and returns where it was, or undefined when there is
 * none. A checkpoint of a run with other options is an error naming them.
 */
export async function loadCheckpoint(dir: string, run: RunIdentity, state: TrainingState): Promise<CheckpointInfo | undefined> {
  const path = join(dir, CHECKPOINT_FILE);
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new SaeError(`Cannot read checkpoint ${path}: ${error.message}`);
  });
  if (!bytes) return undefined;
  const { tensors, metadata } = parseSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
  let saved: Saved | null = null;
  try {
    saved = JSON.parse(metadata[METADATA_KEY] ?? 'null') as Saved | null;
  } catch {
    // reported below as an unreadable checkpoint
  }
  if (!saved || saved.version !== FORMAT_VERSION) {
    throw new SaeError(`${path} is not a checkpoint this version can resume; delete ${dir} to start afresh.`);
  }
  if (saved.hash !== run.hash) {
    const differing = [...new Set([...Object.keys(saved.options), ...Object.keys(run.options)])]
      .filter((key) => JSON.stringify(saved.options[key]) !== JSON.stringify(run.options[key]))
      .map((key) => `${key}: ${JSON.stringify(saved.options[key])} there, ${JSON.stringify(run.options[key])} now`);
    throw new SaeError(
      `Checkpoint folder ${dir} belongs to a training run with other options (${differing.join('; ')}). ` +
        'Rerun with the same options to resume it, or delete the folder (or choose another checkpoint folder) to start afresh.',
    );
  }
  const take = (name: string, into: Float32Array | Float64Array) => {
    const tensor = tensors[name];
    if (!tensor || tensor.data.length !== into.length) throw new SaeError(`${path}: tensor ${name} is missing or has the wrong size; delete ${dir} to start afresh.`);
    if (tensor.data instanceof BigInt64Array) into.set(Array.from(tensor.data, Number));
    else into.set(tensor.data as Float32Array);
  };
  const { params, optimiser, tracker, gbaWindow } = state;
  for (const [name, data] of Object.entries(params)) if (data) take(name, data);
  for (const name of OPTIMISED_PARAMS) {
    // Moments of a parameter this run does not have may be absent (checkpoints from before it existed).
    if (!(`adam.${name}.m` in tensors) && !params[name]) continue;
    take(`adam.${name}.m`, optimiser.state[name].m);
    take(`adam.${name}.v`, optimiser.state[name].v);
  }
  optimiser.t = saved.adamStep;
  const lastFired = new Float64Array(tracker.snapshot().lastFired.length);
  take('dead.last_fired', lastFired);
  tracker.restore(saved.trackerTokens, lastFired);
  if (gbaWindow) {
    take('gba.fired', gbaWindow.fired);
    take('gba.max_pre', gbaWindow.maxPre);
    gbaWindow.rows = saved.gbaRows ?? 0;
  }
  return { step: saved.step, activationScale: saved.activationScale, loss: saved.loss };
}

/**
 * When to checkpoint a run (every `everySteps` steps, at most `everySeconds` apart, and after the
 * last step) and the resume on start; `lastSaved` is the step of the newest good checkpoint.
 */
export class Checkpointer {
  lastSaved: number | undefined;
  private savedAt = performance.now();

  constructor(
    readonly dir: string,
    private readonly run: RunIdentity,
    private readonly state: TrainingState,
    private readonly schedule: { totalSteps: number; everySteps: number; everySeconds: number },
    private readonly notify?: (event: { action: 'saved' | 'resumed'; step: number; totalSteps: number; dir: string }) => void,
  ) {}

  async resume(): Promise<CheckpointInfo | undefined> {
    const info = await loadCheckpoint(this.dir, this.run, this.state);
    if (info) {
      this.lastSaved = info.step;
      this.notify?.({ action: 'resumed', step: info.step, totalSteps: this.schedule.totalSteps, dir: this.dir });
    }
    return info;
  }

  /** Saves after step `info.step` when one is due; a state with a non-finite value is never saved. */
  async afterStep(info: CheckpointInfo): Promise<void> {
    const { totalSteps, everySteps, everySeconds } = this.schedule;
    const due = info.step % everySteps === 0 || info.step === totalSteps || performance.now() - this.savedAt >= everySeconds * 1000;
    if (!due) return;
    const broken = firstNonFinite(this.state);
    if (broken) {
      throw new SaeError(
        `Training diverged by step ${info.step}: ${broken} holds NaN or infinite values. ${this.keptMessage()}` +
          'Lower the learning rate (lr) or check the activations for extreme values.',
      );
    }
    await saveCheckpoint(this.dir, this.run, this.state, info);
    this.lastSaved = info.step;
    this.savedAt = performance.now();
    this.notify?.({ action: 'saved', step: info.step, totalSteps, dir: this.dir });
  }

  /** "The last good checkpoint (step n) is kept in DIR. " or '' when none was saved. */
  keptMessage(): string {
    return this.lastSaved === undefined ? '' : `The last good checkpoint (step ${this.lastSaved}) is kept in ${this.dir}. `;
  }
}
