import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/breadcrumbs';
import { ComparisonFigures } from '@/components/comparison-figures';
import { ComparisonMatches } from '@/components/comparison-matches';
import { renderFromApi } from '@/components/render-from-api';
import { ScoreHistogram } from '@/components/score-histogram';
import { formatInteger } from '@/lib/format';
import { comparisonRouteParams, comparisonSearchParams, type RawSearchParams } from '@/lib/params';
import { getComparisonPage, MATCHES_PER_PAGE } from '@/lib/queries/comparison';
import { comparisonHref, saeHref } from '@/lib/routes';

interface ComparisonPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawSearchParams>;
}

const METHOD_NAMES = { DECODER_COSINE: 'decoder cosine', AIP: 'AIP (cosine after whitening)', ACTIVATION_CORRELATION: 'activation correlation', FAMILIES: 'feature families (narrow parent → wide child)' } as const;
const SCORE_NAMES = { DECODER_COSINE: 'decoder cosines', AIP: 'whitened cosines', ACTIVATION_CORRELATION: 'Pearson correlations', FAMILIES: 'parent–child decoder cosines' } as const;

export async function generateMetadata({ params }: ComparisonPageProps): Promise<Metadata> {
  const parsed = comparisonRouteParams.safeParse(await params);
  return { title: parsed.success ? `Comparison ${parsed.data.id}` : 'Comparison' };
}

/** A stored comparison: its figures against their nulls, the score histogram and the matched pairs. */
export default async function ComparisonPage({ params, searchParams }: ComparisonPageProps) {
  const parsed = comparisonRouteParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { after } = comparisonSearchParams.parse(await searchParams);
  return renderFromApi(async () => {
    const comparison = await getComparisonPage(parsed.data.id, after);
    const { saeA, saeB, matches } = comparison;
    const approximate = comparison.params.find((param) => param.name === 'assignment')?.value;
    return (
      <>
        <header className="page-header">
          <Breadcrumbs items={[{ label: 'Models', href: '/' }, { label: `Comparison ${comparison.id}` }]} />
          <h1>Is this the same feature? — {METHOD_NAMES[comparison.method]}</h1>
          <p className="id-line">
            <Link href={saeHref(saeA.id)}>{saeA.id}</Link> ({saeA.model.displayName}, {formatInteger(saeA.width)} features) →{' '}
            <Link href={saeHref(saeB.id)}>{saeB.id}</Link> ({saeB.model.displayName}, {formatInteger(saeB.width)} features)
          </p>
          <p className="muted small">
            {formatInteger(comparison.matchCount)} match edges stored.{' '}
            {comparison.approximate ? `The one-to-one assignment is approximate (${approximate ?? 'bounded'}).` : ''}
          </p>
        </header>
        <section className="section">
          <h2>Figures and their nulls</h2>
          <ComparisonFigures figures={comparison.figures} />
        </section>
        <section className="section">
          <h2>Scores of the paired features</h2>
          <div className="card">
            <ScoreHistogram {...comparison.scoreHistogram} what={SCORE_NAMES[comparison.method]} />
          </div>
        </section>
        <section className="section">
          <div className="section-heading">
            <h2>Matched pairs</h2>
            <span className="muted small">
              {formatInteger(matches.totalCount)} pairs, best first; {MATCHES_PER_PAGE} a page; ⇄ mutual best match
            </span>
          </div>
          <ComparisonMatches edges={matches.edges.map((edge) => edge.node)} />
          <nav className="pagination" aria-label="Match pages">
            {after ? <Link href={comparisonHref(comparison.id)}>« First</Link> : <span />}
            {matches.pageInfo.hasNextPage && matches.pageInfo.endCursor ? (
              <Link className="button" rel="next" href={comparisonHref(comparison.id, matches.pageInfo.endCursor)}>Next →</Link>
            ) : null}
          </nav>
        </section>
        <details className="section">
          <summary>Settings</summary>
          <dl className="small">
            {comparison.params.map((param) => (
              <div key={param.name}><dt><code>{param.name}</code></dt><dd>{param.value}</dd></div>
            ))}
          </dl>
        </details>
      </>
    );
  });
}
