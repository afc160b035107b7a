import Link from 'next/link';
import { getFeaturePage } from '@/lib/queries/feature-page';
import { isApiError } from '@/lib/graphql';
import { formatInteger } from '@/lib/format';
import { FEATURE_QUALITIES, FEATURE_SORTS, type FeatureQualityParam, type FeatureSort } from '@/lib/feature-list-view';
import type { ListState } from '@/lib/pagination';
import { featureHref, saeHref } from '@/lib/routes';
import { FeatureRow } from './feature-row';
import { SortHeader } from './sort-header';
import { PaginationNav } from './pagination-nav';
import { renderFromApi } from './render-from-api';

export interface FeatureListView extends ListState {
  sort: FeatureSort;
  quality: FeatureQualityParam;
}

async function loadPage(saeId: string, state: FeatureListView) {
  try {
    return await getFeaturePage({
      saeId,
      first: state.first,
      after: state.after ?? null,
      orderBy: FEATURE_SORTS[state.sort].api,
      quality: FEATURE_QUALITIES[state.quality].api,
      labelContains: state.label ?? null,
    });
  } catch (error) {
    if (isApiError(error, 'BAD_USER_INPUT')) return null; // a stale or hand-edited cursor
    throw error;
  }
}

function summaryOf(state: FeatureListView, indexes: number[], total: number): string {
  const of = `${formatInteger(total)} ${state.quality === 'all' ? '' : `${state.quality} `}features${state.label ? ` labelled “…${state.label}…”` : ''}`;
  if (indexes.length === 0) return `No features here (${of} in all)`;
  if (state.sort === 'index') return `Features ${indexes[0]}–${indexes[indexes.length - 1]} of ${of}`;
  return `${indexes.length} of ${of}, ${FEATURE_SORTS[state.sort].label.toLowerCase()}`;
}

/** One page of an SAE's features with a top-activation preview per row, in the asked order and filter. */
export async function FeatureList({ saeId, state }: { saeId: string; state: FeatureListView }) {
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
    const summary = summaryOf(state, nodes.map((node) => node.index), page.totalCount);
    const sortProps = { saeId, current: state.sort, quality: state.quality, labelFilter: state.label, first: state.first };
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
                <SortHeader label="Density" desc="density-desc" asc="density-asc" {...sortProps} />
                <SortHeader label="Max act." desc="max-desc" asc="max-asc" {...sortProps} />
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
