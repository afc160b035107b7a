import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Breadcrumbs, saeCrumbs } from '@/components/breadcrumbs';
import { FeatureMapWebgl } from '@/components/feature-map-webgl';
import { renderFromApi } from '@/components/render-from-api';
import { formatInteger } from '@/lib/format';
import { saeRouteParams, type RawSearchParams } from '@/lib/params';
import { getSae } from '@/lib/queries/sae';
import { mapPreviewScript } from '@/lib/map-preview';
import { mapPointsHref, saeHref } from '@/lib/routes';

interface MapPageProps {
  params: Promise<{ id: string[] }>;
  searchParams: Promise<RawSearchParams>;
}

/** At most this many `?highlight=` indices are marked (a search page's results fit). */
const MAX_HIGHLIGHT = 500;

/** Comma-separated whole numbers, in order, without blanks or anything else (first MAX_HIGHLIGHT). */
function featureIndices(list: string): number[] {
  return list
    .split(',')
    .map((part) => part.trim())
    .filter((part) => /^\d+$/.test(part))
    .map(Number)
    .slice(0, MAX_HIGHLIGHT);
}

/**
 * `?focus=<feature index>` centres the map on one feature; `?highlight=3,17,42` rings features
 * (a search's results). Values that are not feature indices are ignored.
 */
const mapSearchParams = z.object({
  focus: z.coerce.number().int().nonnegative().optional().catch(undefined),
  highlight: z
    .string()
    .optional()
    .transform((value) => featureIndices(value ?? ''))
    .catch([]),
});

export async function generateMetadata({ params }: MapPageProps): Promise<Metadata> {
  const parsed = saeRouteParams.safeParse(await params);
  return { title: parsed.success ? `Map · ${parsed.data.saeId}` : 'Feature map' };
}

/** `/map/<sae id>`: every feature of an SAE on the 2-D UMAP of its decoder directions. */
export default async function FeatureMapPage({ params, searchParams }: MapPageProps) {
  const parsed = saeRouteParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { saeId } = parsed.data;
  const { focus, highlight } = mapSearchParams.parse(await searchParams);

  return renderFromApi(async () => {
    // Outside Suspense on purpose: an unknown SAE answers with a real 404 status.
    const sae = await getSae(saeId);
    return (
      <>
        {/*
          The browser starts fetching the points as soon as it reads this (React puts it in the head),
          in parallel with the scripts, and the map's own fetch() takes that response over (same URL,
          same-origin CORS mode). Written as an element: react-dom's preload() from a server component
          only reached the browser in the RSC payload at the end of the body, i.e. at hydration.
        */}
        <link rel="preload" href={mapPointsHref(sae.id)} as="fetch" crossOrigin="anonymous" />
        <header className="page-header">
          <Breadcrumbs items={saeCrumbs(sae, 'Map')} />
          <h1>Feature map</h1>
          <p className="muted">
            {formatInteger(sae.width)} features, placed by the tokens they fire on.{' '}
            <Link href={saeHref(sae.id)}>Back to the feature list</Link>
          </p>
        </header>
        {/* The points come from /map-points/… in the browser: the HTML carries none of them. */}
        <FeatureMapWebgl saeId={sae.id} highlight={highlight} {...(focus !== undefined ? { focus } : {})} />
        {/*
          Runs as the browser parses it, before Next's scripts and hydration: paints the points on the map's
          preview canvas as soon as they arrive, and hands them to the map (lib/map-preview.ts).
        */}
        <script dangerouslySetInnerHTML={{ __html: mapPreviewScript(sae.id, mapPointsHref(sae.id)) }} />
      </>
    );
  });
}
