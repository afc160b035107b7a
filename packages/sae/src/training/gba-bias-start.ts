import { DataType, createSession, encodeModel, makeModel, makeNode, makeValueInfo, ort, runChecked } from '@atlas/onnx';
import type { SessionOptions } from '../architectures/architecture.ts';

/** Rows of the sample the starting quantiles are taken over (at the lowest target, 1e-3, still 16 rows above it). */
const QUANTILE_ROWS = 16_384;
/** Largest [rows, neurons] block of projections onnxruntime holds at once. */
const BLOCK_VALUES = 2 ** 24;

/**
 * `gbaBiasStart: 'quantile'` (not in the paper, which starts every bias at 0): each neuron's bias
 * starts at minus its group's target quantile of its initial projections u = w·(x − b_pre) over
 * the evaluation sample, so that from the first step it fires on about its target share of rows
 * (at most floor(target·rows) of the sample's). Clamped to the rule's range [−1, 0]. The
 * projections and the ranking run in onnxruntime, a block of neurons at a time: TopK over the
 * rows with k = floor(target·rows) + 1, whose smallest is the quantile; only [neurons] comes back.
 */
export async function quantileBiasStart(
  W: Float32Array,
  bPre: Float32Array,
  sample: Float32Array,
  sampleRows: number,
  groups: { target: Float64Array; group: Int32Array },
  session: SessionOptions,
): Promise<Float32Array> {
  const dIn = bPre.length;
  const width = groups.group.length;
  const rows = Math.min(sampleRows, QUANTILE_ROWS);
  const x = new ort.Tensor('float32', sample.subarray(0, rows * dIn), [rows, dIn]);
  const graph = encodeModel(
    makeModel({
      name: `gba_quantile_start_${dIn}`,
      nodes: [
        makeNode('Sub', ['x', 'b_pre'], ['centred']),
        makeNode('Gemm', ['centred', 'neurons'], ['projections'], { transB: 1 }),
        makeNode('TopK', ['projections', 'rank'], ['top', 'top_rows'], { axis: 0, largest: 1, sorted: 0 }),
        makeNode('ReduceMin', ['top'], ['quantile'], { axes: [0], keepdims: 0 }),
      ],
      inputs: [
        makeValueInfo('x', DataType.FLOAT, ['rows', dIn]),
        makeValueInfo('b_pre', DataType.FLOAT, [dIn]),
        makeValueInfo('neurons', DataType.FLOAT, ['neurons', dIn]),
        makeValueInfo('rank', DataType.INT64, [1]),
      ],
      outputs: [makeValueInfo('quantile', DataType.FLOAT, ['neurons'])],
    }),
  );
  const { session: ortSession } = await createSession(graph, {
    ...(session.threads ? { threads: session.threads } : {}),
    ...(session.device ? { device: session.device } : {}),
  });
  const biases = new Float32Array(width);
  const blockNeurons = Math.max(1, Math.floor(BLOCK_VALUES / rows));
  try {
    for (let start = 0; start < width; ) {
      // A block lies within one group, so it has one rank.
      const g = groups.group[start]!;
      let end = start;
      while (end < width && end - start < blockNeurons && groups.group[end] === g) end++;
      const rank = Math.min(rows, Math.floor(groups.target[g]! * rows) + 1);
      const { quantile } = await runChecked(ortSession, {
        x,
        b_pre: new ort.Tensor('float32', bPre, [dIn]),
        neurons: new ort.Tensor('float32', W.slice(start * dIn, end * dIn), [end - start, dIn]),
        rank: new ort.Tensor('int64', BigInt64Array.of(BigInt(rank)), [1]),
      });
      const values = quantile!.data as Float32Array;
      for (let j = start; j < end; j++) biases[j] = Math.min(0, Math.max(-1, -values[j - start]!));
      start = end;
    }
  } finally {
    await ortSession.release();
  }
  return biases;
}
