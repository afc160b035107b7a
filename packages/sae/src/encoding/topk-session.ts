import { createSession, ort, runChecked } from '@atlas/onnx';
import type { Device } from '@atlas/onnx';
import type { SparseCodes } from '../types.ts';
import { buildTopKGraph } from './topk-graph.ts';

/**
 * The arrays the encoder reads on every run; mutate them in place to change the weights. The
 * encoder matrix is either W_enc [dIn, width] or its transpose W_encT [width, dIn].
 */
export type EncoderParams = { b_enc: Float32Array; b_dec: Float32Array } & (
  | { W_enc: Float32Array; W_encT?: undefined }
  | { W_encT: Float32Array; W_enc?: undefined }
);

/** Options of every encoder session: no spinning, as the sparse backward pass in JS runs right after each encode on the same cores. */
export const encoderSessionOptions = (threads?: number, device?: Device) => ({
  spinning: false, ...(threads ? { threads } : {}), ...(device ? { device } : {}),
});

/** The encoder's weight tensors, wrapping `params`' arrays once (in-place updates are seen by the next run). */
export function encoderWeightTensors(params: EncoderParams, dIn: number, width: number): Record<string, ort.Tensor> {
  return {
      ...(params.W_encT !== undefined
        ? { W_enc_T: new ort.Tensor('float32', params.W_encT, [width, dIn]) }
        : { W_enc: new ort.Tensor('float32', params.W_enc, [dIn, width]) }),
      b_enc: new ort.Tensor('float32', params.b_enc, [width]),
      b_dec: new ort.Tensor('float32', params.b_dec, [dIn]),
  };
}

/**
 * An onnxruntime session of the TopK encoder graph bound to weight arrays. The weight tensors
 * wrap the arrays once, so in-place updates (as training makes) are seen by the next run.
 */
export class TopKSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly weights: Record<string, ort.Tensor>,
    readonly dIn: number,
    readonly k: number,
  ) {}

  static async open(params: EncoderParams, dIn: number, width: number, k: number, threads?: number, device?: Device): Promise<TopKSession> {
    const transposedEncoder = params.W_encT !== undefined;
    const graph = buildTopKGraph({ dIn, width, k, transposedEncoder });
    const { session } = await createSession(graph, encoderSessionOptions(threads, device));
    return new TopKSession(session, encoderWeightTensors(params, dIn, width), dIn, k);
  }

  /** Sparse codes of `x` (row-major [rows, dIn], exactly rows × dIn values); arrays of rows × k. */
  async run(x: Float32Array, rows: number): Promise<SparseCodes> {
    const input = new ort.Tensor('float32', x, [rows, this.dIn]);
    const outputs = await runChecked(this.session, { x: input, ...this.weights });
    return { values: outputs.values!.data as Float32Array, indices: outputs.indices!.data as Int32Array };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
