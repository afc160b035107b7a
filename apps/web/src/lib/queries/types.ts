/** Shapes of the schema's object types as these queries select them (apps/api/schema/schema.graphql). */

export interface SaeMetrics {
  l0: number;
  fvu: number;
  deadFraction: number;
}

export type LabelSource = 'HUMAN' | 'MACHINE';

export interface Label {
  text: string;
  source: LabelSource;
  updatedAt: string;
}

export interface ActivationExample {
  rank: number;
  maxValue: number;
  maxPosition: number;
  tokens: string[];
  values: number[];
  corpusName: string;
}

export interface Histogram {
  edges: number[];
  counts: number[];
  total: number;
}

export interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}
