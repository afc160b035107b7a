import type { ModelSummary } from '@/lib/queries/models';
import { formatCompact, formatInteger } from '@/lib/format';
import { SaeTable } from './sae-table';
import { StatGrid } from './stat-grid';

export function ModelCard({ model }: { model: ModelSummary }) {
  return (
    <section className="card model-card" aria-labelledby={`model-${model.id}`}>
      <header className="card-header">
        <h2 id={`model-${model.id}`}>{model.displayName}</h2>
        <span className="pill mono">{model.id}</span>
        <span className="pill">{model.architecture}</span>
      </header>
      <StatGrid
        stats={[
          { label: 'Layers', value: formatInteger(model.layerCount) },
          { label: 'd_model', value: formatInteger(model.dModel) },
          { label: 'Vocabulary', value: formatCompact(model.vocabSize), detail: `${formatInteger(model.vocabSize)} tokens` },
          { label: 'Context', value: `${formatInteger(model.contextLength)} tokens` },
        ]}
      />
      <h3>Sparse autoencoders</h3>
      {model.saes.length === 0 ? <p className="muted">No SAE has finished building for this model yet.</p> : <SaeTable saes={model.saes} />}
    </section>
  );
}
