import type { FeatureOrder, FeatureQuality } from '../generated/operations';

/**
 * The feature list's order and filter as the URL spells them (`?sort=density-desc&quality=live`)
 * and as the API does (`orderBy: DENSITY_DESC, quality: LIVE`). One table, read by the params
 * schema, the list's form and its links.
 */
export const FEATURE_SORTS = {
  index: { api: 'INDEX', label: 'Index' },
  'density-desc': { api: 'DENSITY_DESC', label: 'Density, highest first' },
  'density-asc': { api: 'DENSITY_ASC', label: 'Density, lowest first' },
  'max-desc': { api: 'MAX_ACTIVATION_DESC', label: 'Max activation, highest first' },
  'max-asc': { api: 'MAX_ACTIVATION_ASC', label: 'Max activation, lowest first' },
  'label-score': { api: 'LABEL_SCORE', label: 'Label score, best first' },
  'label-score-asc': { api: 'LABEL_SCORE_ASC', label: 'Label score, worst first' },
} as const satisfies Record<string, { api: FeatureOrder; label: string }>;

export const FEATURE_QUALITIES = {
  all: { api: 'ALL', label: 'All features' },
  live: { api: 'LIVE', label: 'Live (neither dead nor dense)' },
  dead: { api: 'DEAD', label: 'Dead (never fired)' },
  dense: { api: 'DENSE', label: 'Dense (over 10% of tokens)' },
} as const satisfies Record<string, { api: FeatureQuality; label: string }>;

export type FeatureSort = keyof typeof FEATURE_SORTS;
export type FeatureQualityParam = keyof typeof FEATURE_QUALITIES;

export const SORT_NAMES = Object.keys(FEATURE_SORTS) as FeatureSort[];
export const QUALITY_NAMES = Object.keys(FEATURE_QUALITIES) as FeatureQualityParam[];
