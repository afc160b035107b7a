import { cache } from 'react';
import { operation, request } from '../graphql';
import type { ActivationExample, Histogram, Label } from './types';

export interface FeatureSummary {
  id: string;
  index: number;
  density: number;
  maxActivation: number;
  meanActivation: number;
  label: Label | null;
  sae: {
    id: string;
    hookName: string;
    architecture: string;
    width: number;
    statisticsTokens: number | null;
    corpusName: string | null;
    model: { id: string; displayName: string };
  };
}

export interface FeatureDetail {
  id: string;
  maxActivation: number;
  histogram: Histogram;
  topActivations: ActivationExample[];
}

const FEATURE_SUMMARY = operation<{ feature: FeatureSummary }, { id: string }>(/* GraphQL */ `
  query FeatureSummary($id: ID!) {
    feature(id: $id) {
      id
      index
      density
      maxActivation
      meanActivation
      label { text source updatedAt }
      sae {
        id
        hookName
        architecture
        width
        statisticsTokens
        corpusName
        model { id displayName }
      }
    }
  }
`);

const FEATURE_DETAIL = operation<{ feature: FeatureDetail }, { id: string; first: number }>(/* GraphQL */ `
  query FeatureDetail($id: ID!, $first: Int) {
    feature(id: $id) {
      id
      maxActivation
      histogram { edges counts total }
      topActivations(first: $first) { rank maxValue maxPosition tokens values corpusName }
    }
  }
`);

export const TOP_ACTIVATION_COUNT = 20;

/** Header facts for a feature; NOT_FOUND for an unknown id. Memoised per request. */
export const getFeatureSummary = cache(async (id: string): Promise<FeatureSummary> => {
  const data = await request(FEATURE_SUMMARY, { id });
  return data.feature;
});

/** Histogram and top activations; shared by the two streamed sections of the feature page. */
export const getFeatureDetail = cache(async (id: string): Promise<FeatureDetail> => {
  const data = await request(FEATURE_DETAIL, { id, first: TOP_ACTIVATION_COUNT });
  return data.feature;
});
