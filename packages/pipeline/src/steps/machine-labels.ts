import type { IngestLabel } from '@atlas/db';
import type { FeatureStatistics } from '@atlas/features';
import { MACHINE_LABEL_METHOD, machineLabel } from '@atlas/labels';

/**
 * A machine-made label for every feature that has top contexts (dead features get none), from
 * the tokens of those contexts; `tokensOf(contextIndex)` gives one display string per token.
 */
export function machineLabelRows(statistics: readonly FeatureStatistics[], tokensOf: (contextIndex: number) => string[]): IngestLabel[] {
  const rows: IngestLabel[] = [];
  for (const feature of statistics) {
    const text = machineLabel({
      contexts: feature.topContexts.map((top) => ({ tokens: tokensOf(top.contextIndex), maxPosition: top.maxPosition, maxValue: top.maxValue })),
    });
    if (text !== null) rows.push({ featureIndex: feature.index, text, source: 'machine', method: MACHINE_LABEL_METHOD });
  }
  return rows;
}
