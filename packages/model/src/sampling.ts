/** Next-token choice: greedy argmax or temperature sampling from a seeded generator. */

/** mulberry32: a small, fast, deterministic PRNG returning floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
