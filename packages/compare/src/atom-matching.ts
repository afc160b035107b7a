import { assignPairs, type Assignment } from './assignment.ts';
import { throwIfAborted } from './control.ts';
import { crossTopK, type CandidateLists } from './cross-topk.ts';
import { bestMatches, finiteMean, type BestMatches } from './matching.ts';
import { multiply } from './matrix.ts';
import { DEFAULT_NULL_DRAWS, figureWithNull } from './null-distribution.ts';
import { mulberry32, permutation, randomOrthogonal } from './random.ts';
import type { ComparisonMethod, ComparisonResult, MatchEdge, RunControl, SummaryFigure } from './result.ts';

export interface AtomMatchOptions extends RunControl {
  /** Candidates kept per feature each way (default 8): the sparse graph the approximate assignment runs on. */
  candidates?: number;
  /** Match edges returned per feature each way (default 3). */
  edgesPerFeature?: number;
  /** An assigned pair counts as shared at or above this score (default 0.7, the published seed comparison's cut). */
  sharedThreshold?: number;
  /** Largest width solved by the exact assignment (default 4096). */
  exactLimit?: number;
  /** Random one-to-one pairings in the shuffle null (default 100). */
  nullDraws?: number;
  /** Random rotations of B in the rotation null of the best-match means (default 1; each costs one more product pass). */
  rotationNullDraws?: number;
  seed?: number;
}

/** The atoms of both sides as unit rows in one space (cosine = dot product). */
export interface UnitAtoms {
  a: Float32Array;
  widthA: number;
  b: Float32Array;
  widthB: number;
  d: number;
}

/** Everything `matchAtoms` found, for callers that add their own figures (AIP beside cosine, families). */
export interface AtomMatching {
  result: ComparisonResult;
  candidates: CandidateLists;
  best: BestMatches;
  assignment: Assignment;
}

/**
 * Matching of two sets of unit atoms by cosine: best match both ways, mutual nearest neighbours,
 * a one-to-one assignment, and nulls — random one-to-one pairings for the assignment's mean and
 * shared share, random rotations of B for the best-match means.
 */
export async function matchAtoms(atoms: UnitAtoms, method: ComparisonMethod, options: AtomMatchOptions = {}): Promise<AtomMatching> {
  const { a, widthA, b, widthB, d } = atoms;
  const k = options.candidates ?? 8;
  const threshold = options.sharedThreshold ?? 0.7;
  const seed = options.seed ?? 0;
  const candidates = await crossTopK(a, widthA, b, widthB, d, k, { ...options, stage: `${method}: products` });
  const best = bestMatches(candidates);
  throwIfAborted(options);
  const assignment = await assignPairs(a, widthA, b, widthB, d, candidates, options);
  const pairs = Math.min(widthA, widthB);

  const random = mulberry32(seed);
  const shuffleMeans: number[] = [];
  const shuffleShares: number[] = [];
  for (let draw = 0; draw < (options.nullDraws ?? DEFAULT_NULL_DRAWS); draw++) {
    if (draw % 16 === 0) throwIfAborted(options);
    const { mean, share } = randomPairing(atoms, pairs, threshold, random);
    shuffleMeans.push(mean);
    shuffleShares.push(share);
  }
  const rotatedAB: number[] = [];
  const rotatedBA: number[] = [];
  for (let draw = 0; draw < (options.rotationNullDraws ?? 1); draw++) {
    const rotated = multiply(b, widthB, d, randomOrthogonal(d, seed + 1 + draw), d);
    const nullBest = bestMatches(await crossTopK(a, widthA, rotated, widthB, d, 1, { ...options, stage: `${method}: rotation null` }));
    rotatedAB.push(finiteMean(nullBest.scoreAB));
    rotatedBA.push(finiteMean(nullBest.scoreBA));
  }

  let shared = 0;
  for (const score of assignment.scores) if (score >= threshold) shared++;
  const bestFigure = (name: string, value: number, description: string, draws: number[]): SummaryFigure =>
    draws.length > 0 ? figureWithNull(name, value, description, 'rotation', draws) : { name, value, description };
  const figures: SummaryFigure[] = [
    bestFigure('meanBestAB', finiteMean(best.scoreAB), 'mean over A features of the best score in B (null: B randomly rotated)', rotatedAB),
    bestFigure('meanBestBA', finiteMean(best.scoreBA), 'mean over B features of the best score in A (null: B randomly rotated)', rotatedBA),
    { name: 'mutualShare', value: best.mutualCount / pairs, description: 'mutual nearest neighbours ÷ the smaller width' },
    figureWithNull('assignedMean', finiteMean(assignment.scores), 'mean score of the one-to-one assignment\'s pairs (null: random one-to-one pairings)', 'shuffle', shuffleMeans),
    { name: 'assignedShare', value: assignment.featureA.length / pairs, description: 'pairs the assignment made ÷ the smaller width (greedy leaves a feature unpaired when all its candidates are taken)' },
    figureWithNull('sharedShare', shared / pairs, `share of the smaller width assigned a partner scoring ≥ ${threshold} (null: random pairings)`, 'shuffle', shuffleShares),
  ];
  return {
    result: {
      summary: {
        method, widthA, widthB,
        params: {
          candidates: k, sharedThreshold: threshold, assignment: assignment.algorithm, exactLimit: options.exactLimit ?? 4096,
          nullDraws: shuffleMeans.length, rotationNullDraws: rotatedAB.length, seed,
        },
        approximate: !assignment.exact,
        figures,
      },
      matches: matchEdges(candidates, best, assignment, method, options.edgesPerFeature ?? 3),
    },
    candidates, best, assignment,
  };
}

/** Mean cosine and shared share of one random one-to-one pairing of `pairs` A rows with B rows. */
function randomPairing({ a, widthA, b, widthB, d }: UnitAtoms, pairs: number, threshold: number, random: () => number) {
  const rowsA = permutation(widthA, random);
  const rowsB = permutation(widthB, random);
  let sum = 0;
  let shared = 0;
  for (let p = 0; p < pairs; p++) {
    const offsetA = rowsA[p]! * d;
    const offsetB = rowsB[p]! * d;
    let dot = 0;
    for (let c = 0; c < d; c++) dot += a[offsetA + c]! * b[offsetB + c]!;
    sum += dot;
    if (dot >= threshold) shared++;
  }
  return { mean: sum / pairs, share: shared / pairs };
}

/** Each feature's best `perFeature` partners both ways, deduplicated, flagged mutual / assigned. */
export function matchEdges(
  { aToB, bToA }: CandidateLists,
  best: BestMatches,
  assignment: Pick<Assignment, 'featureA' | 'featureB' | 'scores'>,
  method: ComparisonMethod,
  perFeature: number,
): MatchEdge[] {
  const widthB = best.bestBA.length;
  const assigned = new Set<number>();
  assignment.featureA.forEach((i, p) => assigned.add(i * widthB + assignment.featureB[p]!));
  const edges = new Map<number, MatchEdge>();
  const add = (i: number, j: number, score: number) => {
    if (i < 0 || j < 0 || !Number.isFinite(score)) return;
    const key = i * widthB + j;
    if (edges.has(key)) return;
    edges.set(key, { featureA: i, featureB: j, score, method, mutual: best.bestAB[i] === j && best.bestBA[j] === i, assigned: assigned.has(key) });
  };
  for (let i = 0; i < best.bestAB.length; i++) {
    for (let s = 0; s < Math.min(perFeature, aToB.k); s++) add(i, aToB.indices[i * aToB.k + s]!, aToB.values[i * aToB.k + s]!);
  }
  for (let j = 0; j < widthB; j++) {
    for (let s = 0; s < Math.min(perFeature, bToA.k); s++) add(bToA.indices[j * bToA.k + s]!, j, bToA.values[j * bToA.k + s]!);
  }
  assignment.featureA.forEach((i, p) => add(i, assignment.featureB[p]!, assignment.scores[p]!));
  return [...edges.values()].sort((x, y) => x.featureA - y.featureA || y.score - x.score);
}
