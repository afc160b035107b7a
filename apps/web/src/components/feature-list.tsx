import Link from 'next/link';
import { getFeaturePage } from '@/lib/queries/feature-page';
import { isApiError } from '@/lib/graphql';
import { formatInteger } from '@/lib/format';
import type { ListState } from '@/lib/pagination';
import { featureHref, saeHref } from '@/lib/routes';
import { FeatureRow } from './feature-row';
import { PaginationNav } from './pagination-nav';
import { renderFromApi } from './render-from-api';

async function loadPage(saeId: string, state: ListState) {
  try {
    return await getFeaturePage({ saeId, first: state.first, after: state.after ?? null });
  } catch (error) {
    if (isApiError(error, 'BAD_USER_INPUT')) return null; // a stale or hand-edited cursor
    throw error;
  }
}

/** One page of an SAE's features with a top-activation preview per row. */
export async function FeatureList({ saeId, state }: { saeId: string; state: ListState }) {
  return renderFromApi(async () => {
    const page = await loadPage(saeId, state);
    if (!page) {
      return (
        <p className="notice">
          That page position is not valid any more. <Link href={saeHref(saeId)}>Start from the first feature</Link>.
        </p>
      );
    }
    const nodes = page.edges.map((edge) => edge.node);
    const summary = nodes.length
      ? `Features ${nodes[0]?.index}–${nodes[nodes.length - 1]?.index} of ${formatInteger(page.totalCount)}`
      : `No features on this page (${formatInteger(page.totalCount)} in all)`;
    const nav = (
      <PaginationNav
        saeId={saeId}
        state={state}
        endCursor={page.pageInfo.endCursor}
        hasNextPage={page.pageInfo.hasNextPage}
        summary={summary}
      />
    );
    return (
      <div className="card flush">
        {nav}
        <div className="table-scroll">
          <table className="data-table feature-table">
            <thead>
              <tr>
                <th scope="col" className="num">#</th>
                <th scope="col">Label</th>
                <th scope="col" className="num">Density</th>
                <th scope="col" className="num">Max act.</th>
                <th scope="col">Top activation</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((node) => (
                <FeatureRow key={node.id} feature={node} href={featureHref(saeId, node.index)} />
              ))}
            </tbody>
          </table>
        </div>
        {nav}
      </div>
    );
  });
}
