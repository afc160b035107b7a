import Link from 'next/link';
import type { ModelSummary } from '@/lib/queries/models';
import { modelHref } from '@/lib/routes';
import { ModelStats } from './model-stats';
import { SaeTable } from './sae-table';

export function ModelCard({ model }: { model: ModelSummary }) {
  return (
    <section className="card model-card" aria-labelledby={`model-${model.id}`}>
      <header className="card-header">
        <h2 id={`model-${model.id}`}>
          <Link href={modelHref(model.id)}>{model.displayName}</Link>
        </h2>
        <span className="pill mono">{model.id}</span>
        <span className="pill">{model.architecture}</span>
      </header>
      <ModelStats model={model} />
      <h3>Sparse autoencoders</h3>
      {model.saes.length === 0 ? <p className="muted">No SAE has finished building for this model yet.</p> : <SaeTable saes={model.saes} />}
    </section>
  );
}
