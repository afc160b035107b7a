import { formatCompact, formatInteger } from '@/lib/format';
import type { ModelSummary } from '@/lib/queries/models';
import { StatGrid } from './stat-grid';

/** A model's shape: layers, width, vocabulary, context. */
export function ModelStats({ model }: { model: Omit<ModelSummary, 'saes' | 'id' | 'displayName' | 'architecture'> }) {
  return (
    <StatGrid
      stats={[
        { label: 'Layers', value: formatInteger(model.layerCount) },
        { label: 'd_model', value: formatInteger(model.dModel) },
        { label: 'Vocabulary', value: formatCompact(model.vocabSize), detail: `${formatInteger(model.vocabSize)} tokens` },
        { label: 'Context', value: `${formatInteger(model.contextLength)} tokens` },
      ]}
    />
  );
}
