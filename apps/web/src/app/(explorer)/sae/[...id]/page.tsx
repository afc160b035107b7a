import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, redirect } from 'next/navigation';
import { Suspense } from 'react';
import { FeatureList } from '@/components/feature-list';
import { FeatureListControls } from '@/components/feature-list-controls';
import { GotoFeatureForm } from '@/components/goto-feature-form';
import { renderFromApi } from '@/components/render-from-api';
import { SaeComparisons } from '@/components/sae-comparisons';
import { SaeHeader } from '@/components/sae-header';
import { FeatureListSkeleton, ListSkeleton } from '@/components/skeletons';
import { ParamProblems } from '@/components/param-problems';
import { readSaeSearchParams, saeRouteParams, type RawSearchParams } from '@/lib/params';
import { getSae } from '@/lib/queries/sae';
import { featureHref, mapHref } from '@/lib/routes';

interface SaePageProps {
  params: Promise<{ id: string[] }>;
  searchParams: Promise<RawSearchParams>;
}

export async function generateMetadata({ params }: SaePageProps): Promise<Metadata> {
  const parsed = saeRouteParams.safeParse(await params);
  return { title: parsed.success ? parsed.data.saeId : 'SAE' };
}

export default async function SaePage({ params, searchParams }: SaePageProps) {
  const parsed = saeRouteParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { saeId } = parsed.data;
  const { values, problems } = readSaeSearchParams(await searchParams);
  const { first, after, prev, goto, sort, quality, label } = values;

  return renderFromApi(async () => {
    // Outside Suspense on purpose: an unknown SAE answers with a real 404 status.
    const sae = await getSae(saeId);
    if (goto !== undefined && goto < sae.width) redirect(featureHref(sae.id, goto));
    // An index past the end is named, not ignored: the SAE's width is only known now.
    const allProblems =
      goto === undefined
        ? problems
        : [...problems, { param: 'goto', value: String(goto), allowed: `a feature index from 0 to ${sae.width - 1} (this SAE has ${sae.width} features)` }];
    const state = { first, after, prev, sort, quality, label };
    return (
      <>
        <ParamProblems problems={allProblems} />
        <SaeHeader sae={sae} />
        <section className="section">
          <div className="section-heading">
            <h2>Features</h2>
            <Link href={mapHref(sae.id)}>Feature map</Link>
            <GotoFeatureForm width={sae.width} />
          </div>
          <FeatureListControls sort={sort} quality={quality} label={label} first={first} />
          <Suspense key={`${sort}:${quality}:${label ?? ''}:${first}:${after ?? ''}`} fallback={<FeatureListSkeleton rows={first} />}>
            <FeatureList saeId={sae.id} state={state} />
          </Suspense>
        </section>
        <section className="section">
          <h2>Compared with</h2>
          <Suspense fallback={<ListSkeleton rows={2} label="Loading comparisons" />}>
            <SaeComparisons saeId={sae.id} />
          </Suspense>
        </section>
      </>
    );
  });
}
