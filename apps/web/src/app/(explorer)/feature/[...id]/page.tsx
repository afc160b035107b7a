import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { CoactivatingFeatures } from '@/components/coactivating-features';
import { DecoderNeighbours } from '@/components/decoder-neighbours';
import { FeatureFamilyTree } from '@/components/feature-family-tree';
import { FeatureHeader } from '@/components/feature-header';
import { FeatureMatchesSection } from '@/components/feature-matches';
import { HeadAttribution } from '@/components/head-attribution';
import { HistogramSection } from '@/components/histogram-section';
import { LabelContributions } from '@/components/label-contributions';
import { renderFromApi } from '@/components/render-from-api';
import { LogitEffects } from '@/components/logit-effects';
import { QuantileExamples } from '@/components/quantile-examples';
import { HistogramSkeleton, ListSkeleton, TopActivationsSkeleton } from '@/components/skeletons';
import { SteeringPanel } from '@/components/steering-panel';
import { TopActivations } from '@/components/top-activations';
import { featureRouteParams, featureSearchParams, type RawSearchParams } from '@/lib/params';
import { getFeatureDetail, getFeatureSummary } from '@/lib/queries/feature';
import { featureHref, mapHref } from '@/lib/routes';

interface FeaturePageProps {
  params: Promise<{ id: string[] }>;
  searchParams: Promise<RawSearchParams>;
}

export async function generateMetadata({ params }: FeaturePageProps): Promise<Metadata> {
  const parsed = featureRouteParams.safeParse(await params);
  return { title: parsed.success ? `Feature ${parsed.data.index} · ${parsed.data.saeId}` : 'Feature' };
}

export default async function FeaturePage({ params, searchParams }: FeaturePageProps) {
  const parsed = featureRouteParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { featureId, saeId, index } = parsed.data;
  const { counts } = featureSearchParams.parse(await searchParams);
  // Start the heavier request now so it runs alongside the header's; errors surface where it is read.
  getFeatureDetail(featureId).catch(() => undefined);

  return renderFromApi(async () => {
    // Outside Suspense on purpose: an unknown feature answers with a real 404 status.
    const feature = await getFeatureSummary(featureId);
    return (
      <>
        <FeatureHeader feature={feature} />
        <LabelContributions featureId={feature.id} />
        <section className="section">
          <h2>Activation histogram</h2>
          <Suspense fallback={<HistogramSkeleton />}>
            <HistogramSection featureId={feature.id} scale={counts} href={featureHref(saeId, index)} />
          </Suspense>
        </section>
        <section className="section">
          <h2>Top activations</h2>
          <Suspense fallback={<TopActivationsSkeleton />}>
            <TopActivations featureId={feature.id} />
          </Suspense>
        </section>
        <section className="section">
          <h2>Examples across the activation range</h2>
          <Suspense fallback={<TopActivationsSkeleton />}>
            <QuantileExamples featureId={feature.id} />
          </Suspense>
        </section>
        <section className="section">
          <h2>Logit effects</h2>
          <Suspense fallback={<ListSkeleton rows={10} label="Loading logit effects" />}>
            <LogitEffects featureId={feature.id} />
          </Suspense>
        </section>
        <section className="section">
          <div className="section-heading">
            <h2>Nearest features by decoder direction</h2>
            <Link href={mapHref(saeId, index)}>Show on the feature map</Link>
          </div>
          <Suspense fallback={<ListSkeleton rows={4} label="Loading decoder neighbours" />}>
            <DecoderNeighbours featureId={feature.id} />
          </Suspense>
        </section>
        <section className="section">
          <h2>Features that fire on the same tokens</h2>
          <Suspense fallback={<ListSkeleton rows={4} label="Loading co-activating features" />}>
            <CoactivatingFeatures featureId={feature.id} />
          </Suspense>
        </section>
        <section className="section">
          <h2>Same feature elsewhere</h2>
          <Suspense fallback={<ListSkeleton rows={3} label="Loading matches in other SAEs" />}>
            <FeatureMatchesSection featureId={feature.id} />
          </Suspense>
        </section>
        <FeatureFamilyTree featureId={feature.id} />
        {/attn\.hook_z$/.test(feature.sae.hookName) ? (
          <section className="section">
            <h2>Attention heads</h2>
            <Suspense fallback={<HistogramSkeleton />}>
              <HeadAttribution featureId={feature.id} />
            </Suspense>
          </section>
        ) : null}
        <section className="section">
          <h2>Steering</h2>
          <SteeringPanel featureId={feature.id} maxActivation={feature.maxActivation} hookName={feature.sae.hookName} />
        </section>
      </>
    );
  });
}
