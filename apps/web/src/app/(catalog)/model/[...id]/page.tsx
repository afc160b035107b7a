import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { ModelStats } from '@/components/model-stats';
import { renderFromApi } from '@/components/render-from-api';
import { SaeTable } from '@/components/sae-table';
import { modelRouteParams, type RawSearchParams } from '@/lib/params';
import { getModel } from '@/lib/queries/model';

interface ModelPageProps {
  params: Promise<{ id: string[] }>;
  searchParams: Promise<RawSearchParams>;
}

export async function generateMetadata({ params }: ModelPageProps): Promise<Metadata> {
  const parsed = modelRouteParams.safeParse(await params);
  return { title: parsed.success ? parsed.data.modelId : 'Model' };
}

/** A model: its shape and every SAE trained on it (models → model → SAE → features). */
export default async function ModelPage({ params }: ModelPageProps) {
  const parsed = modelRouteParams.safeParse(await params);
  if (!parsed.success) notFound();
  return renderFromApi(async () => {
    const model = await getModel(parsed.data.modelId);
    return (
      <>
        <header className="page-header">
          <Breadcrumbs items={[{ label: 'Models', href: '/' }, { label: model.displayName }]} />
          <h1>{model.displayName}</h1>
          <p className="id-line">
            <span className="mono">{model.id}</span>
            <span className="pill">{model.architecture}</span>
          </p>
          <ModelStats model={model} />
        </header>
        <section className="section card" aria-labelledby="saes-heading">
          <h2 id="saes-heading">Sparse autoencoders</h2>
          {model.saes.length === 0 ? (
            <p className="muted">No SAE has finished building for this model yet.</p>
          ) : (
            <SaeTable saes={model.saes} />
          )}
        </section>
      </>
    );
  });
}
