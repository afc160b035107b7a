import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { FeatureFamilyTree } from '@/components/feature-family-tree';
import { FeatureHeader } from '@/components/feature-header';
import { FeatureApiSnippet } from '@/components/feature/feature-api-snippet';
import { FeatureSidePanel } from '@/components/feature/feature-side-panel';
import { TryFeature } from '@/components/feature/try-feature';
import { FeatureMatchesSection } from '@/components/feature-matches';
import { HeadAttribution } from '@/components/head-attribution';
import { HistogramSection } from '@/components/histogram-section';
import { LabelContributions } from '@/components/label-contributions';
import { ParamProblems } from '@/components/param-problems';
import { QuantileExamples } from '@/components/quantile-examples';
import { renderFromApi } from '@/components/render-from-api';
import { HistogramSkeleton, ListSkeleton } from '@/components/skeletons';
import { SteeringPanel } from '@/components/steering-panel';
import { TopActivations } from '@/components/top-activations';
import { featureRouteParams, readFeatureSearchParams, type RawSearchParams } from '@/lib/params';
import { getFeatureView } from '@/lib/queries/feature';
import { featureHref } from '@/lib/routes';

interface FeaturePageProps {
  params: Promise<{ id: string[] }>;
  searchParams: Promise<RawSearchParams>;
}

export async function generateMetadata({ params }: FeaturePageProps): Promise<Metadata> {
  const parsed = featureRouteParams.safeParse(await params);
  return { title: parsed.success ? `Feature ${parsed.data.index} · ${parsed.data.saeId}` : 'Feature' };
}

/**
 * A feature at a glance: the header (label, density, activations), then its top activations
 * beside logit effects and related features — all within two laptop screens — then "try it",
 * the histogram, examples across the range (collapsed), matches elsewhere, steering and the API.
 * Collapsed examples are rendered when opened (they were a third of the page's bytes and render time).
 */
export default async function FeaturePage({ params, searchParams }: FeaturePageProps) {
  const parsed = featureRouteParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { featureId, saeId, index } = parsed.data;
  const { values, problems } = readFeatureSearchParams(await searchParams);
  const href = featureHref(saeId, index);
  const expanded = values.examples === 'all';

  return renderFromApi(async () => {
    // Outside Suspense on purpose: an unknown feature answers with a real 404 status. The first screen
    // (top activations, logit effects, neighbours) reads the same answer, so it goes out in the first
    // flush with the header: streamed, React's reveal throttle painted it ≥ 300 ms after the shell.
    const feature = await getFeatureView(featureId);
    return (
      <>
        <ParamProblems problems={problems} />
        <FeatureHeader feature={feature} />
        <div className="feature-overview">
          <section aria-labelledby="top-activations-heading">
            <h2 id="top-activations-heading">Top activations</h2>
            <TopActivations featureId={feature.id} href={href} expanded={expanded} />
          </section>
          <FeatureSidePanel featureId={feature.id} saeId={saeId} index={index} />
        </div>
        <LabelContributions featureId={feature.id} />
        <section className="section" id="try" aria-labelledby="try-heading">
          <h2 id="try-heading">Try it</h2>
          <TryFeature saeId={saeId} index={index} maxActivation={feature.maxActivation} text={values.try} action={href} />
        </section>
        <section className="section">
          <h2>Activation histogram</h2>
          <Suspense fallback={<HistogramSkeleton />}>
            <HistogramSection featureId={feature.id} scale={values.counts} href={href} />
          </Suspense>
        </section>
        <section className="section">
          {/* Not streamed: collapsed, it waits for nothing, and expanded (the no-JavaScript link) it must not
              land in a hidden streamed chunk that only a script reveals. */}
          <QuantileExamples featureId={feature.id} href={href} expanded={expanded} />
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
        <section className="section">
          <h2>This feature through the API</h2>
          <FeatureApiSnippet featureId={feature.id} />
        </section>
      </>
    );
  });
}
