import { vi } from 'vitest';

/** The `@atlas/db` read functions the API calls; tests count calls to them. */
export const READ_FUNCTIONS = [
  'listModels',
  'getModelsByIds',
  'listSaes',
  'getSaesByIds',
  'listFeatures',
  'countFeatures',
  'getFeaturesByIndex',
  'getFeaturesByIds',
  'getTopActivations',
  'getHistograms',
  'getDecoderVectors',
  'getCurrentLabels',
  'getFeatureNeighbours',
  'getLogitEffects',
  'getQuantileExamples',
  'getHeadAttributions',
] as const;

/** For `vi.mock('@atlas/db', ...)`: the real module with its read functions wrapped in spies. */
export async function spyOnReads(importOriginal: () => Promise<Record<string, unknown>>) {
  const actual = await importOriginal();
  const spied: Record<string, unknown> = { ...actual };
  for (const name of READ_FUNCTIONS) spied[name] = vi.fn(actual[name] as (...args: unknown[]) => unknown);
  return spied;
}
