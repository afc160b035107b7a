import { linearSumAssignment } from 'linear-sum-assignment';
import { Matrix } from 'ml-matrix';
import { createSession, ort, runChecked } from '@atlas/onnx';
import { throwIfAborted } from './control.ts';
import { buildProductGraph } from './cross-topk-graph.ts';
import type { CandidateLists } from './cross-topk.ts';
import type { RunControl } from './result.ts';

/**
 * Both widths at most this: the exact assignment holds the dense widthA × widthB score matrix
 * (float64, plus the library's working copies: ≈ 0.5 GB at 4096²) and takes O(n³) steps at worst
 * (measured: 2048² in ≈ 10 s, 4096² in docs/benchmarks.md). Past it, greedy on the candidate lists.
 */
export const EXACT_ASSIGNMENT_LIMIT = 4096;

export const EXACT_ALGORITHM = 'Jonker–Volgenant shortest augmenting path (linear-sum-assignment), exact';
export const GREEDY_ALGORITHM = 'greedy on the top-k candidate edges both ways, approximate';

/** A one-to-one pairing: min(widthA, widthB) pairs at most. */
export interface Assignment {
  featureA: Int32Array;
  featureB: Int32Array;
  scores: Float32Array;
  algorithm: string;
  exact: boolean;
}

export interface AssignmentOptions extends RunControl {
  /** Largest width on either side solved exactly (default EXACT_ASSIGNMENT_LIMIT). */
  exactLimit?: number;
}

/**
 * The one-to-one pairing of A's and B's rows maximising the summed score (cosine of unit rows):
 * exact (Jonker–Volgenant on the dense matrix) while both widths are within `exactLimit`;
 * otherwise greedy over the sparse candidate graph (best edge first, both ends free), which
 * keeps at least half of the optimal total and is labelled approximate.
 */
export async function assignPairs(
  a: Float32Array,
  widthA: number,
  b: Float32Array,
  widthB: number,
  d: number,
  candidates: CandidateLists,
  options: AssignmentOptions = {},
): Promise<Assignment> {
  const limit = options.exactLimit ?? EXACT_ASSIGNMENT_LIMIT;
  if (widthA <= limit && widthB <= limit) return exactAssignment(a, widthA, b, widthB, d, options);
  return greedyAssignment(candidates, widthA, widthB);
}

async function exactAssignment(a: Float32Array, widthA: number, b: Float32Array, widthB: number, d: number, control: RunControl): Promise<Assignment> {
  const { session } = await createSession(buildProductGraph(d), control.threads ? { threads: control.threads } : {});
  const rows: Float64Array[] = [];
  try {
    const bTensor = new ort.Tensor('float32', b, [widthB, d]);
    const blockRows = Math.max(1, Math.floor(4_000_000 / widthB));
    for (let first = 0; first < widthA; first += blockRows) {
      throwIfAborted(control);
      const count = Math.min(blockRows, widthA - first);
      const out = await runChecked(session, { a: new ort.Tensor('float32', a.subarray(first * d, (first + count) * d), [count, d]), b: bTensor });
      const product = out.product!.data as Float32Array;
      for (let r = 0; r < count; r++) rows.push(Float64Array.from(product.subarray(r * widthB, (r + 1) * widthB)));
    }
  } finally {
    await session.release();
  }
  control.onProgress?.({ stage: 'exact assignment', done: 0, total: 1 });
  const { rowAssignments } = linearSumAssignment(new Matrix(rows), { maximaze: true });
  control.onProgress?.({ stage: 'exact assignment', done: 1, total: 1 });
  const pairs: [number, number, number][] = [];
  rowAssignments.forEach((j, i) => {
    if (j >= 0) pairs.push([i, j, rows[i]![j]!]);
  });
  return toAssignment(pairs, EXACT_ALGORITHM, true);
}

export function greedyAssignment({ aToB, bToA }: CandidateLists, widthA: number, widthB: number): Assignment {
  const edgeA: number[] = [];
  const edgeB: number[] = [];
  const edgeScore: number[] = [];
  const add = (i: number, j: number, score: number) => {
    if (i < 0 || j < 0 || !Number.isFinite(score)) return;
    edgeA.push(i);
    edgeB.push(j);
    edgeScore.push(score);
  };
  for (let i = 0; i < widthA; i++) for (let s = 0; s < aToB.k; s++) add(i, aToB.indices[i * aToB.k + s]!, aToB.values[i * aToB.k + s]!);
  for (let j = 0; j < widthB; j++) for (let s = 0; s < bToA.k; s++) add(bToA.indices[j * bToA.k + s]!, j, bToA.values[j * bToA.k + s]!);
  const order = Uint32Array.from(edgeScore.keys()).sort((x, y) => edgeScore[y]! - edgeScore[x]!);
  const takenA = new Uint8Array(widthA);
  const takenB = new Uint8Array(widthB);
  const pairs: [number, number, number][] = [];
  for (const e of order) {
    const i = edgeA[e]!;
    const j = edgeB[e]!;
    if (takenA[i] || takenB[j]) continue;
    takenA[i] = 1;
    takenB[j] = 1;
    pairs.push([i, j, edgeScore[e]!]);
  }
  return toAssignment(pairs, GREEDY_ALGORITHM, false);
}

function toAssignment(pairs: [number, number, number][], algorithm: string, exact: boolean): Assignment {
  pairs.sort((x, y) => x[0] - y[0]);
  return {
    featureA: Int32Array.from(pairs, (p) => p[0]),
    featureB: Int32Array.from(pairs, (p) => p[1]),
    scores: Float32Array.from(pairs, (p) => p[2]),
    algorithm,
    exact,
  };
}
