import { createSession, ort, runChecked } from '@atlas/onnx';
import type { Device } from '@atlas/onnx';
import { buildEncoderGraph } from './encoder-graph.ts';
import type { EncoderGraphMode } from './encoder-graph.ts';
import { encoderSessionOptions, encoderWeightTensors, type EncoderParams } from './topk-session.ts';
import type { SparseCodes } from '../types.ts';
import { BUG, SaeError } from '../sae-error.ts';

/** Sparse codes plus, from a graph built with `stats`, per-latent batch statistics. */
export interface EncodedBatch extends SparseCodes {
  fired?: Float32Array;
  maxPre?: Float32Array;
  /** From a graph built with `auxK`, when run with an aux_k: the dead latents' top codes [rows, auxK]. */
  aux?: SparseCodes;
}

/**
 * An onnxruntime session of the general encoder graph bound to weight arrays (and, for the
 * threshold modes, a [width] θ array); in-place updates are seen by the next run.
 */
export class EncoderSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly weights: Record<string, ort.Tensor>,
    readonly dIn: number,
    readonly slots: number,
  ) {}

  static async open(
    params: EncoderParams & { threshold?: Float32Array; deadBias?: Float32Array },
    shape: { dIn: number; width: number; slots: number; mode: EncoderGraphMode; stats?: boolean },
    threads?: number,
    device?: Device,
  ): Promise<EncoderSession> {
    const { dIn, width, slots, mode, stats = false } = shape;
    const transposedEncoder = params.W_encT !== undefined;
    const auxK = params.deadBias !== undefined;
    const graph = buildEncoderGraph({ dIn, width, slots, mode, transposedEncoder, stats, auxK });
    const { session } = await createSession(graph, encoderSessionOptions(threads, device));
    const weights = encoderWeightTensors(params, dIn, width);
    if (params.deadBias) weights.dead_bias = new ort.Tensor('float32', params.deadBias, [width]);
    if (mode !== 'topk') {
      if (!params.threshold) throw new SaeError(`encoder mode ${mode} needs a threshold array`, BUG);
      weights.threshold = new ort.Tensor('float32', params.threshold, [width]);
    }
    return new EncoderSession(session, weights, dIn, slots);
  }

  /**
   * Codes of `x` ([rows, dIn]): rows × slots values and indices; with `stats`, also the
   * per-latent count of positive pre-activations (`fired`) and their max (`maxPre`), [width] each.
   */
  async run(x: Float32Array, rows: number, auxK?: number): Promise<EncodedBatch> {
    const input = new ort.Tensor('float32', x, [rows, this.dIn]);
    const feeds: Record<string, ort.Tensor> = { x: input, ...this.weights };
    if (auxK !== undefined) feeds.aux_k = new ort.Tensor('int64', BigInt64Array.of(BigInt(auxK)), [1]);
    const outputs = await runChecked(this.session, feeds);
    const codes: EncodedBatch = { values: outputs.values!.data as Float32Array, indices: outputs.indices!.data as Int32Array };
    if (outputs.fired && outputs.pre_max) {
      codes.fired = outputs.fired.data as Float32Array;
      codes.maxPre = outputs.pre_max.data as Float32Array;
    }
    if (outputs.aux_values && outputs.aux_indices) {
      codes.aux = { values: outputs.aux_values.data as Float32Array, indices: outputs.aux_indices.data as Int32Array };
    }
    return codes;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
