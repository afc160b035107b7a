import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { renderFromApi } from '@/components/render-from-api';
import styles from '@/components/selection/selection.module.css';
import { formatValue } from '@/lib/format';
import { selectionRouteParams, selectionSearchParams, type RawSearchParams } from '@/lib/params';
import { getSelection } from '@/lib/queries/selection';
import { featureHref, selectionDownloadHref, selectionHref, selectionJobHref } from '@/lib/routes';

const PAGE_SIZE = 50;
const SHOWN_FEATURES = 5;

interface SelectionPageProps {
  params: Promise<{ id: string }>;
  searchParams: Promise<RawSearchParams>;
}

export async function generateMetadata({ params }: SelectionPageProps): Promise<Metadata> {
  return { title: `Selection ${(await params).id}` };
}

/** A selection: what it was run with, its samples best first with the features that drove each score. */
export default async function SelectionPage({ params, searchParams }: SelectionPageProps) {
  const parsed = selectionRouteParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { after } = selectionSearchParams.parse(await searchParams);
  return renderFromApi(async () => {
    const selection = await getSelection(parsed.data.id, { first: PAGE_SIZE, after });
    if (!selection) notFound();
    const items = selection.items.edges.map((edge) => edge.node);
    const saeId = selection.sae?.id;
    return (
      <>
        <section className="section">
          <h1>{selection.name}</h1>
          <p className="small" data-testid="selection-summary">
            {selection.method.toLowerCase()} · <strong>{selection.status.toLowerCase()}</strong> · pool {selection.pool.id} ·{' '}
            {selection.selectedCount ?? '…'} of {selection.poolSize ?? selection.pool.sampleCount} samples
            {selection.ratio != null && ` (ratio ${selection.ratio})`} · {selection.targetPool ? `targets: pool ${selection.targetPool.id}` : `${selection.targetCount} target examples`}
            {saeId && <> · SAE {saeId}</>}
            {selection.job && <> · <Link href={selectionJobHref(selection.job.id)}>job</Link></>}
          </p>
          {selection.error && <p role="alert" className={styles.error}>{selection.error}</p>}
          {selection.status === 'COMPLETE' && <p><a className="button" href={selectionDownloadHref(selection.id)} download>Download JSONL</a></p>}
        </section>
        <section className="section">
          <div className="table-scroll card flush">
            <table className="data-table" data-testid="selection-items">
              <thead><tr><th className="num">Rank</th><th className="num">Score</th><th>Sample</th><th>Driving features</th></tr></thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.rank}>
                    <td className="num">{item.rank}</td>
                    <td className="num">{formatValue(item.score)}</td>
                    <td className={styles.sample}>
                      <span className="muted small">{item.sample.externalId}</span> {item.sample.text}
                      {item.sample.response != null && <><br /><span className="muted">→</span> {item.sample.response}</>}
                    </td>
                    <td>
                      <div className={styles.features}>
                        {item.drivingFeatures.slice(0, SHOWN_FEATURES).map((driving) => (
                          saeId
                            ? <Link key={driving.index} href={featureHref(saeId, driving.index)} title={`contribution ${formatValue(driving.contribution)}`}>
                                #{driving.index}{driving.feature?.label?.text ? ` ${driving.feature.label.text}` : ''}
                              </Link>
                            : <span key={driving.index}>#{driving.index}</span>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {selection.items.pageInfo.hasNextPage && selection.items.pageInfo.endCursor && (
            <p><Link className="button" href={selectionHref(selection.id, selection.items.pageInfo.endCursor)}>Next {PAGE_SIZE}</Link></p>
          )}
        </section>
      </>
    );
  });
}
