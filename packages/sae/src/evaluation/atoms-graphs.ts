import { DataType, createSession, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo, ort, runChecked } from '@atlas/onnx';
import type { Device } from '@atlas/onnx';

/** Where and how the metric graphs run. */
export interface MetricSessionOptions {
  threads?: number;
  device?: Device;
}

async function open(graph: Uint8Array, options: MetricSessionOptions): Promise<ort.InferenceSession> {
  const { session } = await createSession(graph, {
    ...(options.threads ? { threads: options.threads } : {}),
    ...(options.device ? { device: options.device } : {}),
  });
  return session;
}

const float = (data: Float32Array, dims: number[]) => new ort.Tensor('float32', data, dims);

/**
 * Per block of unit-norm rows A [b, d] against all rows B [n, d]: the largest |⟨a_i, b_j⟩| with
 * j ≠ i, maximised over the block. The second largest of each row of |A·Bᵀ| is that value (the
 * largest is the row with itself, 1), so no diagonal mask is needed; only one number leaves.
 */
export async function openCoherenceSession(dIn: number, options: MetricSessionOptions) {
  const graph = encodeModel(
    makeModel({
      name: `decoder_coherence_${dIn}`,
      nodes: [
        makeNode('Gemm', ['block', 'atoms'], ['products'], { transB: 1 }),
        makeNode('Abs', ['products'], ['magnitudes']),
        makeNode('TopK', ['magnitudes', 'two'], ['top', 'top_indices'], { axis: 1, largest: 1, sorted: 1 }),
        makeNode('Slice', ['top', 'one', 'two', 'one'], ['runner_up']),
        makeNode('ReduceMax', ['runner_up'], ['max'], { keepdims: 0 }),
      ],
      inputs: [makeValueInfo('block', DataType.FLOAT, ['rows', dIn]), makeValueInfo('atoms', DataType.FLOAT, ['width', dIn])],
      outputs: [makeValueInfo('max', DataType.FLOAT, [])],
      initializers: [makeTensor('one', [1], BigInt64Array.of(1n)), makeTensor('two', [1], BigInt64Array.of(2n))],
    }),
  );
  const session = await open(graph, options);
  return {
    async blockMax(block: Float32Array, rows: number, atoms: ort.Tensor): Promise<number> {
      const { max } = await runChecked(session, { block: float(block, [rows, dIn]), atoms });
      return (max!.data as Float32Array)[0]!;
    },
    atomsTensor: (atoms: Float32Array, width: number) => float(atoms, [width, dIn]),
    close: () => session.release(),
  };
}

/** (X − s)ᵀ(X − s) of a batch [b, d] about a shift s [d] (the shift keeps float32 sums well conditioned). */
export async function openGramSession(dIn: number, options: MetricSessionOptions) {
  const graph = encodeModel(
    makeModel({
      name: `gram_${dIn}`,
      nodes: [makeNode('Sub', ['x', 'shift'], ['centred']), makeNode('Gemm', ['centred', 'centred'], ['gram'], { transA: 1 })],
      inputs: [makeValueInfo('x', DataType.FLOAT, ['rows', dIn]), makeValueInfo('shift', DataType.FLOAT, [dIn])],
      outputs: [makeValueInfo('gram', DataType.FLOAT, [dIn, dIn])],
    }),
  );
  const session = await open(graph, options);
  return {
    async gram(x: Float32Array, rows: number, shift: Float32Array): Promise<Float32Array> {
      const { gram } = await runChecked(session, { x: float(x, [rows, dIn]), shift: float(shift, [dIn]) });
      return gram!.data as Float32Array;
    },
    close: () => session.release(),
  };
}

/**
 * Whitened inner products of rows of X and X̂ [b, d]: with U = (X − μ)·M and Û = (X̂ − μ)·M,
 * per row ⟨u, û⟩, ‖u‖² and ‖û‖² ([b] each). M [d, d] is the whitening matrix (L⁻ᵀ).
 */
export async function openWhitenedSession(dIn: number, options: MetricSessionOptions) {
  const graph = encodeModel(
    makeModel({
      name: `whitened_products_${dIn}`,
      nodes: [
        makeNode('Sub', ['x', 'mean'], ['x_centred']),
        makeNode('Sub', ['x_hat', 'mean'], ['x_hat_centred']),
        makeNode('MatMul', ['x_centred', 'whitening'], ['u']),
        makeNode('MatMul', ['x_hat_centred', 'whitening'], ['u_hat']),
        makeNode('Mul', ['u', 'u_hat'], ['cross']),
        makeNode('Mul', ['u', 'u'], ['u_sq']),
        makeNode('Mul', ['u_hat', 'u_hat'], ['u_hat_sq']),
        makeNode('ReduceSum', ['cross', 'last'], ['dot'], { keepdims: 0 }),
        makeNode('ReduceSum', ['u_sq', 'last'], ['norm_sq'], { keepdims: 0 }),
        makeNode('ReduceSum', ['u_hat_sq', 'last'], ['norm_hat_sq'], { keepdims: 0 }),
      ],
      inputs: [
        makeValueInfo('x', DataType.FLOAT, ['rows', dIn]),
        makeValueInfo('x_hat', DataType.FLOAT, ['rows', dIn]),
        makeValueInfo('mean', DataType.FLOAT, [dIn]),
        makeValueInfo('whitening', DataType.FLOAT, [dIn, dIn]),
      ],
      outputs: ['dot', 'norm_sq', 'norm_hat_sq'].map((name) => makeValueInfo(name, DataType.FLOAT, ['rows'])),
      initializers: [makeTensor('last', [1], BigInt64Array.of(1n))],
    }),
  );
  const session = await open(graph, options);
  return {
    async products(x: Float32Array, xHat: Float32Array, rows: number, mean: ort.Tensor, whitening: ort.Tensor) {
      const out = await runChecked(session, { x: float(x, [rows, dIn]), x_hat: float(xHat, [rows, dIn]), mean, whitening });
      return { dot: out.dot!.data as Float32Array, normSq: out.norm_sq!.data as Float32Array, normHatSq: out.norm_hat_sq!.data as Float32Array };
    },
    tensor: float,
    close: () => session.release(),
  };
}
