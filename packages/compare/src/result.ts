/**
 * What a comparison returns: plain data, ready to store as a summary row plus match edges and to
 * serve over GraphQL unchanged.
 */
export type ComparisonMethod = 'decoder-cosine' | 'aip' | 'activation-correlation' | 'families';

/** One edge between feature A and feature B (indices into each SAE). */
export interface MatchEdge {
  featureA: number;
  featureB: number;
  /** Cosine, whitened cosine (AIP) or Pearson r, by method. */
  score: number;
  method: ComparisonMethod;
  /** Each is the other's best match. */
  mutual: boolean;
  /**
   * In the method's pairing: the one-to-one assignment (decoder cosine, AIP; exact or approximate
   * per the summary) or A's argmax partner (activation correlation; the pairs SVCCA and RSA use).
   */
  assigned: boolean;
  /** Families only: P(parent A fires | child B fires) over the shared tokens. */
  containment?: number;
  /** Families only: tokens where parent A and child B both fire. */
  coFiring?: number;
}

/** The distribution of a statistic under a null (random pairings, random rotations). */
export interface NullDistribution {
  kind: 'shuffle' | 'rotation';
  draws: number;
  mean: number;
  sd: number;
  /** The largest null draw. */
  max: number;
}

/** One reported number, with its null and one-sided p-value (P(null ≥ observed), add-one) where it has one. */
export interface SummaryFigure {
  name: string;
  value: number;
  description: string;
  null?: NullDistribution;
  pValue?: number;
}

export interface ComparisonSummary {
  method: ComparisonMethod;
  widthA: number;
  widthB: number;
  /** Every knob that shaped the result (thresholds, k, seeds, token counts, algorithm names). */
  params: Record<string, string | number | boolean>;
  /** True when a bounded approximation replaced the exact algorithm (see `params.assignment`). */
  approximate: boolean;
  figures: SummaryFigure[];
}

export interface ComparisonResult {
  summary: ComparisonSummary;
  matches: MatchEdge[];
}

export interface ProgressEvent {
  stage: string;
  done: number;
  total: number;
}

/** What every long comparison takes, so a job runner can show progress and cancel it. */
export interface RunControl {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
  /** onnxruntime intra-op threads. */
  threads?: number;
}

/** A figure by name (tests and callers read summaries this way). */
export function figure(summary: ComparisonSummary, name: string): SummaryFigure {
  const found = summary.figures.find((item) => item.name === name);
  if (!found) throw new Error(`No figure "${name}" in the ${summary.method} summary (has ${summary.figures.map((f) => f.name).join(', ')}).`);
  return found;
}
