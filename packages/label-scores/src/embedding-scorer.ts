import { embedderKey, isZeroVector, type Embedder } from '@atlas/embed';
import type { ScoringContext } from '@atlas/db';
import { windowText } from './held-out-contexts.ts';
import { rocAuc } from './roc-auc.ts';

/** Bump when the contexts or the similarity change; the embedder's key is part of the stored version too. */
const EMBEDDING_SCORER_REVISION = 1;

export const EMBEDDING_SCORER = 'embedding';

/** The stored scorer version: a new embedder (another ONNX folder, retrained vectors) scores again. */
export function embeddingScorerVersion(embedder: Embedder): string {
  return `${EMBEDDING_SCORER_REVISION}/${embedderKey(embedder.id)}`;
}

export type ScoreResult = { score: number; nPos: number; nNeg: number };

/** A feature's contexts and the labels to score on them (the contexts are embedded once for all its labels). */
export type EmbeddingTask = { labels: string[]; positives: ScoringContext[]; negatives: ScoringContext[] };

/**
 * The embedding score of each label: ROC-AUC of cosine(label, context window) for activating vs
 * non-activating contexts. One embedder call for every text of every task. A label the embedder
 * finds no meaning in (no known word) gets null: it cannot be compared, and a 0.5 would pose as a measurement.
 */
export async function embeddingScores(embedder: Embedder, tasks: readonly EmbeddingTask[]): Promise<(ScoreResult | null)[][]> {
  const texts: string[] = [];
  for (const task of tasks) texts.push(...task.labels, ...task.positives.map((c) => windowText(c)), ...task.negatives.map((c) => windowText(c)));
  const vectors = await embedder.embed(texts);
  let at = 0;
  const take = (n: number) => vectors.slice(at, (at += n));
  return tasks.map((task) => {
    const labels = take(task.labels.length);
    const positives = take(task.positives.length);
    const negatives = take(task.negatives.length);
    return labels.map((label) => {
      if (isZeroVector(label) || positives.length === 0 || negatives.length === 0) return null;
      const similarity = (context: Float32Array) => dot(label, context);
      return { score: rocAuc(positives.map(similarity), negatives.map(similarity)), nPos: positives.length, nNeg: negatives.length };
    });
  });
}

/** Cosine similarity of unit vectors (a zero vector, a context with no known word, gives 0). */
function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i += 1) sum += a[i]! * b[i]!;
  return sum;
}
