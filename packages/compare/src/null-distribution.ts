import type { NullDistribution, SummaryFigure } from './result.ts';

/** Default random pairings per shuffle null (≥ 100, so p-values reach 1/101). */
export const DEFAULT_NULL_DRAWS = 100;

/** Fewer draws than this give no p-value (the smallest possible, 1/(1 + draws), would not reach 0.05). */
const MIN_DRAWS_FOR_P = 19;

/**
 * A figure with its null: the draws' mean, sd and max, and the one-sided permutation p-value
 * (1 + #{draw ≥ observed}) / (1 + draws) — never 0, exact for exchangeable draws.
 */
export function figureWithNull(
  name: string,
  value: number,
  description: string,
  kind: NullDistribution['kind'],
  draws: readonly number[],
): SummaryFigure {
  const finite = draws.filter(Number.isFinite);
  if (finite.length === 0) return { name, value, description };
  const mean = finite.reduce((sum, x) => sum + x, 0) / finite.length;
  const sd = Math.sqrt(finite.reduce((sum, x) => sum + (x - mean) ** 2, 0) / Math.max(1, finite.length - 1));
  const max = finite.reduce((m, x) => Math.max(m, x), Number.NEGATIVE_INFINITY);
  const above = finite.filter((x) => x >= value).length;
  return {
    name, value, description,
    null: { kind, draws: finite.length, mean, sd, max },
    ...(finite.length >= MIN_DRAWS_FOR_P ? { pValue: (1 + above) / (1 + finite.length) } : {}),
  };
}
