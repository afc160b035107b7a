import { createSession, ort, runChecked } from '@atlas/onnx';
import type { Device } from '@atlas/onnx';
import { buildMpGraph } from './mp-graph.ts';
import { encoderSessionOptions } from './topk-session.ts';
import type { SparseCodes } from '../types.ts';

/**
 * An onnxruntime session of the matching pursuit graph bound to the atoms (W_dec [width, dIn])
 * and b_dec; in-place updates (as training makes) are seen by the next run. `run` returns the
 * per-step trajectory (rows × steps coefficients a_t and atoms j_t, an atom may repeat), which
 * training backpropagates through; `mergeMpSteps` turns it into sparse codes.
 */
export class MpSession {
  private constructor(
    private readonly session: ort.InferenceSession,
    private readonly weights: Record<string, ort.Tensor>,
    readonly dIn: number,
    readonly steps: number,
  ) {}

  static async open(
    params: { W_dec: Float32Array; b_dec: Float32Array },
    shape: { dIn: number; width: number; steps: number; residualThreshold: number },
    threads?: number,
    device?: Device,
  ): Promise<MpSession> {
    const { dIn, width, steps, residualThreshold } = shape;
    const { session } = await createSession(buildMpGraph({ dIn, width, steps }), encoderSessionOptions(threads, device));
    const weights = {
      W_dec: new ort.Tensor('float32', params.W_dec, [width, dIn]),
      b_dec: new ort.Tensor('float32', params.b_dec, [dIn]),
      residual_threshold: new ort.Tensor('float32', new Float32Array([residualThreshold]), [1]),
    };
    return new MpSession(session, weights, dIn, steps);
  }

  /** The trajectory of `x` ([rows, dIn]): rows × steps coefficients (`values`) and atoms (`indices`). */
  async run(x: Float32Array, rows: number): Promise<SparseCodes> {
    const outputs = await runChecked(this.session, { x: new ort.Tensor('float32', x, [rows, this.dIn]), ...this.weights });
    return { values: outputs.values!.data as Float32Array, indices: outputs.indices!.data as Int32Array };
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
