import { createSession, DataType, encodeModel, makeModel, makeNode, makeValueInfo, ort, runChecked } from '@atlas/onnx';
import { throwIfAborted } from './control.ts';
import type { PrincipalBasis } from './svcca.ts';
import { symmetricEigenvalues } from './symmetric-eigenvalues.ts';
import type { RunControl } from './result.ts';

/**
 * C = U_xᵀ · U_y[order] for one random re-pairing, then its Gram matrix on the smaller side
 * (CᵀC or CCᵀ): the canonical correlations are the square roots of the Gram's eigenvalues. Both
 * products run in onnxruntime (n × rx × ry per draw); only the small Gram leaves.
 */
function buildPermutedGramGraph(gramOfColumns: boolean): Uint8Array {
  return encodeModel(
    makeModel({
      name: 'permuted_cross_gram',
      nodes: [
        makeNode('Gather', ['uy', 'order'], ['uy_permuted'], { axis: 0 }),
        makeNode('MatMul', ['ux_t', 'uy_permuted'], ['cross']),
        makeNode('Transpose', ['cross'], ['cross_t'], { perm: [1, 0] }),
        gramOfColumns ? makeNode('MatMul', ['cross_t', 'cross'], ['gram']) : makeNode('MatMul', ['cross', 'cross_t'], ['gram']),
      ],
      inputs: [
        makeValueInfo('ux_t', DataType.FLOAT, ['rx', 'n']),
        makeValueInfo('uy', DataType.FLOAT, ['n', 'ry']),
        makeValueInfo('order', DataType.INT64, ['n']),
      ],
      outputs: [makeValueInfo('gram', DataType.FLOAT, ['r', 'r'])],
    }),
  );
}

/** SVCCA of the same bases under `draws` random re-pairings of the rows (the shuffle null). */
export async function svccaNull(
  x: PrincipalBasis,
  y: PrincipalBasis,
  draws: number,
  random: () => number,
  permute: (n: number, random: () => number) => Int32Array,
  control: RunControl = {},
): Promise<number[]> {
  const { n } = x;
  const rx = x.components;
  const ry = y.components;
  const transposed = new Float32Array(rx * n);
  for (let i = 0; i < n; i++) for (let p = 0; p < rx; p++) transposed[p * n + i] = x.basis[i * rx + p]!;
  const gramOfColumns = ry <= rx;
  const size = Math.min(rx, ry);
  const { session } = await createSession(buildPermutedGramGraph(gramOfColumns), control.threads ? { threads: control.threads } : {});
  const uxT = new ort.Tensor('float32', transposed, [rx, n]);
  const uy = new ort.Tensor('float32', Float32Array.from(y.basis), [n, ry]);
  const values: number[] = [];
  try {
    for (let draw = 0; draw < draws; draw++) {
      throwIfAborted(control);
      const order = BigInt64Array.from(permute(n, random), (v) => BigInt(v));
      const out = await runChecked(session, { ux_t: uxT, uy, order: new ort.Tensor('int64', order, [n]) });
      const eigenvalues = symmetricEigenvalues(Float64Array.from(out.gram!.data as Float32Array), size);
      let sum = 0;
      for (const value of eigenvalues) sum += Math.min(1, Math.sqrt(Math.max(0, value)));
      values.push(sum / size);
      control.onProgress?.({ stage: 'SVCCA null', done: draw + 1, total: draws });
    }
  } finally {
    await session.release();
  }
  return values;
}
