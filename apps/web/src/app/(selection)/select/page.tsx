import type { Metadata } from 'next';
import Link from 'next/link';
import { renderFromApi } from '@/components/render-from-api';
import { ImportPoolForm } from '@/components/selection/import-pool-form';
import { StartSelectionForm } from '@/components/selection/start-selection-form';
import { getSelectionHome } from '@/lib/queries/selection';
import { selectionHref } from '@/lib/routes';

export const metadata: Metadata = { title: 'Data selection' };

/** Pools and their latest selections; forms to import a pool and to run a selection. */
export default async function SelectionHomePage() {
  return renderFromApi(async () => {
    const { pools, models } = await getSelectionHome();
    const poolRows = pools.edges.map((edge) => edge.node);
    const saeIds = models.flatMap((model) => model.saes.map((sae) => sae.id));
    return (
      <>
        <section className="intro">
          <h1>Data selection</h1>
          <p>
            Keep the few percent of a pool of training samples that matter for a task. MONA represents each sample by an
            SAE&apos;s codes averaged over its tokens, averages your target examples into a prototype and ranks the pool by
            generalized Jaccard similarity to it; BM25, embedding, raw hidden states and random run the same way as baselines.
          </p>
        </section>
        <section className="section">
          <h2>Run a selection</h2>
          <div className="card"><StartSelectionForm pools={poolRows.map(({ id, sampleCount }) => ({ id, sampleCount }))} saeIds={saeIds} /></div>
        </section>
        <section className="section">
          <h2>Pools</h2>
          {poolRows.length === 0 ? (
            <p className="muted">No pools yet: import one below.</p>
          ) : (
            <div className="table-scroll card flush">
              <table className="data-table" data-testid="pool-table">
                <thead><tr><th>Pool</th><th className="num">Samples</th><th>Format</th><th>Latest selections</th></tr></thead>
                <tbody>
                  {poolRows.map((pool) => (
                    <tr key={pool.id}>
                      <td>{pool.id}</td>
                      <td className="num">{pool.sampleCount.toLocaleString('en-US')}</td>
                      <td>{pool.format.toLowerCase()}</td>
                      <td>
                        {pool.selections.map((selection) => (
                          <span key={selection.id}>
                            <Link href={selectionHref(selection.id)}>{selection.method.toLowerCase()} #{selection.id}</Link>{' '}
                            <span className="muted small">({selection.status.toLowerCase()})</span>{' '}
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section className="section">
          <h2>Import a pool</h2>
          <div className="card"><ImportPoolForm /></div>
        </section>
      </>
    );
  });
}
