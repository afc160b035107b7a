import { createSession, ort, runChecked } from '@atlas/onnx';
import { breathe, throwIfAborted } from './control.ts';
import { buildCrossTopKGraph } from './cross-topk-graph.ts';
import type { RunControl } from './result.ts';

/** Each row's best `k` partners, largest first: row-major [rows, k]; index −1 where fewer exist. */
export interface TopKLists {
  k: number;
  values: Float32Array;
  indices: Int32Array;
}

/** Best partners both ways between the rows of A and of B. */
export interface CandidateLists {
  aToB: TopKLists;
  bToA: TopKLists;
}

export interface CrossTopKOptions extends RunControl {
  /** Values of the A-block × B product held inside one onnxruntime run (default 4M, 16 MB). */
  blockValues?: number;
  /** Progress stage name. */
  stage?: string;
}

function emptyLists(rows: number, k: number): TopKLists {
  return { k, values: new Float32Array(rows * k).fill(Number.NEGATIVE_INFINITY), indices: new Int32Array(rows * k).fill(-1) };
}

/** Inserts (value, index) into row `row` of sorted lists when it beats the row's last entry. */
function insert(lists: TopKLists, row: number, value: number, index: number): void {
  const { k, values, indices } = lists;
  const base = row * k;
  if (!(value > values[base + k - 1]!)) return;
  let slot = k - 1;
  while (slot > 0 && value > values[base + slot - 1]!) {
    values[base + slot] = values[base + slot - 1]!;
    indices[base + slot] = indices[base + slot - 1]!;
    slot--;
  }
  values[base + slot] = value;
  indices[base + slot] = index;
}

/**
 * The `k` largest entries of every row and every column of A·Bᵀ (A [widthA, d], B [widthB, d];
 * pass unit rows for cosines) in one blockwise pass: A goes through onnxruntime a block of rows at
 * a time against all of B, so memory holds one block's product, never widthA × widthB.
 */
export async function crossTopK(
  a: Float32Array,
  widthA: number,
  b: Float32Array,
  widthB: number,
  d: number,
  k: number,
  options: CrossTopKOptions = {},
): Promise<CandidateLists> {
  const kRows = Math.min(k, widthB);
  const kColumns = Math.min(k, widthA);
  const aToB = emptyLists(widthA, kRows);
  const bToA = emptyLists(widthB, kColumns);
  const blockRows = Math.max(1, Math.min(widthA, Math.floor((options.blockValues ?? 4_000_000) / widthB)));
  const { session } = await createSession(buildCrossTopKGraph(d), options.threads ? { threads: options.threads } : {});
  const bTensor = new ort.Tensor('float32', b, [widthB, d]);
  const kTensor = new ort.Tensor('int64', BigInt64Array.of(BigInt(kRows)), [1]);
  const stage = options.stage ?? 'decoder products';
  try {
    for (let first = 0; first < widthA; first += blockRows) {
      throwIfAborted(options);
      const rows = Math.min(blockRows, widthA - first);
      const kc = Math.min(kColumns, rows);
      const out = await runChecked(session, {
        a: new ort.Tensor('float32', a.subarray(first * d, (first + rows) * d), [rows, d]),
        b: bTensor,
        k: kTensor,
        kc: new ort.Tensor('int64', BigInt64Array.of(BigInt(kc)), [1]),
      });
      aToB.values.set(out.row_values!.data as Float32Array, first * kRows);
      aToB.indices.set(out.row_indices!.data as Int32Array, first * kRows);
      const columnValues = out.column_values!.data as Float32Array;
      const columnIndices = out.column_indices!.data as Int32Array;
      for (let t = 0; t < kc; t++) {
        for (let column = 0; column < widthB; column++) {
          insert(bToA, column, columnValues[t * widthB + column]!, first + columnIndices[t * widthB + column]!);
        }
      }
      options.onProgress?.({ stage, done: first + rows, total: widthA });
      await breathe();
    }
  } finally {
    await session.release();
  }
  return { aToB, bToA };
}

export { insert as insertCandidate, emptyLists };
