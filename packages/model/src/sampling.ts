/** Next-token choice: greedy argmax or temperature sampling from a seeded generator. */

/** A seeded generator of floats in [0, 1): the atlas's one PRNG (mulberry32, in @atlas/random). */
export { mulberry32 as seededRandom } from '@atlas/random';

/** Index of the largest logit (the first one on ties). */
export function argmax(logits: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i]! > logits[best]!) best = i;
  return best;
}

/**
 * Picks the next token from one row of logits: argmax when `temperature` is 0, else a draw from
 * softmax(logits / temperature) using `random` (so a seeded generator makes it reproducible).
 */
export function pickToken(logits: ArrayLike<number>, temperature: number, random: () => number): number {
  if (temperature === 0) return argmax(logits);
  const max = logits[argmax(logits)]!;
  const weights = new Float64Array(logits.length);
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    weights[i] = Math.exp((logits[i]! - max) / temperature);
    total += weights[i]!;
  }
  let target = random() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i]!;
    if (target < 0) return i;
  }
  return argmax(logits);
}
