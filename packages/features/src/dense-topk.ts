import {
  createSession, DataType, encodeModel, makeModel, makeNode, makeTensor, makeValueInfo, ort, runChecked, type onnx,
} from '@atlas/onnx';
import { FeaturesError } from './features-error.ts';

/** The best `k` columns of each row of a dense product, as TopK left the graph. */
export interface RowTopK {
  /** Row-major [rows, k], sorted by value (largest first, or smallest first when `largest` is false). */
  values: Float32Array;
  indices: Int32Array;
  k: number;
}

export interface DenseTopKShape {
  /** Columns of `a` and `b` (the shared inner dimension). */
  inner: number;
  /** Rows of `b`: the product has this many columns. */
  columns: number;
  k: number;
  /** Scale every row of `a` and `b` to unit length first (cosine similarity). */
  normalise: boolean;
  /** Also return the k smallest values of each row. */
  smallest: boolean;
}

const EPSILON = 1e-12;

/**
 * The graph `a [rows, inner] · bᵀ` with `b [columns, inner]`, then TopK over each row: only
 * rows × k values and indices leave onnxruntime, never the rows × columns product.
 */
export function buildDenseTopKGraph({ inner, columns, k, normalise, smallest }: DenseTopKShape): Uint8Array {
  const unitRows = (input: string): onnx.INodeProto[] =>
    normalise
      ? [
          makeNode('ReduceSumSquare', [input], [`${input}_sq`], { axes: [1], keepdims: 1 }),
          makeNode('Sqrt', [`${input}_sq`], [`${input}_norm`]),
          makeNode('Max', [`${input}_norm`, 'epsilon'], [`${input}_safe`]),
          makeNode('Div', [input, `${input}_safe`], [`${input}_unit`]),
        ]
      : [makeNode('Identity', [input], [`${input}_unit`])];
  const topk = (name: string, largest: number) => [
    makeNode('TopK', ['product', 'k'], [`${name}_values`, `${name}_raw`], { axis: -1, largest, sorted: 1 }),
    makeNode('Cast', [`${name}_raw`], [`${name}_indices`], { to: DataType.INT32 }),
  ];
  const outputs = (name: string) => [
    makeValueInfo(`${name}_values`, DataType.FLOAT, ['rows', k]),
    makeValueInfo(`${name}_indices`, DataType.INT32, ['rows', k]),
  ];
  return encodeModel(
    makeModel({
      name: `dense_topk_${inner}x${columns}_k${k}`,
      nodes: [
        ...unitRows('a'),
        ...unitRows('b'),
        makeNode('Gemm', ['a_unit', 'b_unit'], ['product'], { transB: 1 }),
        ...topk('top', 1),
        ...(smallest ? topk('bottom', 0) : []),
      ],
      inputs: [makeValueInfo('a', DataType.FLOAT, ['rows', inner]), makeValueInfo('b', DataType.FLOAT, [columns, inner])],
      outputs: [...outputs('top'), ...(smallest ? outputs('bottom') : [])],
      initializers: [
        makeTensor('k', [1], BigInt64Array.from([BigInt(k)])),
        ...(normalise ? [makeTensor('epsilon', [1], Float32Array.from([EPSILON]))] : []),
      ],
    }),
  );
}

export interface DenseTopKOptions {
  /** Row-major [rows, inner]. */
  a: Float32Array;
  /** Row-major [columns, inner]. */
  b: Float32Array;
  inner: number;
  k: number;
  normalise?: boolean;
  smallest?: boolean;
  /** Rows of `a` per onnxruntime run (bounds the rows × columns product held inside the run). */
  blockRows?: number;
  threads?: number;
}

export interface DenseTopKResult {
  top: RowTopK;
  bottom?: RowTopK;
}

/** TopK (and optionally BottomK) of every row of a · bᵀ, computed block by block in onnxruntime. */
export async function denseTopK(options: DenseTopKOptions): Promise<DenseTopKResult> {
  const { a, b, inner, normalise = false, smallest = false } = options;
  if (!Number.isInteger(inner) || inner < 1 || a.length % inner !== 0 || b.length % inner !== 0) {
    throw new FeaturesError(`Matrices of ${a.length} and ${b.length} values do not split into rows of ${inner}; pass row-major matrices with the same row length (inner).`);
  }
  const rows = a.length / inner;
  const columns = b.length / inner;
  const k = Math.min(options.k, columns);
  if (k < 1) throw new FeaturesError(`denseTopK needs k ≥ 1 and at least one column of b (k ${options.k}, ${columns} columns).`);
  const blockRows = Math.max(1, options.blockRows ?? Math.floor(4_000_000 / columns));
  const graph = buildDenseTopKGraph({ inner, columns, k, normalise, smallest });
  const { session } = await createSession(graph, options.threads ? { threads: options.threads } : {});
  const top: RowTopK = { values: new Float32Array(rows * k), indices: new Int32Array(rows * k), k };
  const bottom: RowTopK | undefined = smallest
    ? { values: new Float32Array(rows * k), indices: new Int32Array(rows * k), k }
    : undefined;
  const bTensor = new ort.Tensor('float32', b, [columns, inner]);
  try {
    for (let first = 0; first < rows; first += blockRows) {
      const count = Math.min(blockRows, rows - first);
      const block = new ort.Tensor('float32', a.subarray(first * inner, (first + count) * inner), [count, inner]);
      const out = await runChecked(session, { a: block, b: bTensor });
      top.values.set(out.top_values!.data as Float32Array, first * k);
      top.indices.set(out.top_indices!.data as Int32Array, first * k);
      if (bottom) {
        bottom.values.set(out.bottom_values!.data as Float32Array, first * k);
        bottom.indices.set(out.bottom_indices!.data as Int32Array, first * k);
      }
    }
  } finally {
    await session.release();
  }
  return bottom ? { top, bottom } : { top };
}
