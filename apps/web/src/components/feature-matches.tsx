import Link from 'next/link';
import { formatValue } from '@/lib/format';
import type { FeatureMatches } from '@/lib/queries/comparison';
import { getFeatureRelations } from '@/lib/queries/feature';
import { comparisonHref, featureHrefFromId, saeName } from '@/lib/routes';
import styles from './dashboard-lists.module.css';
import { renderFromApi } from './render-from-api';

const METHODS = [
  ['decoderCosine', 'decoder cosine'],
  ['aip', 'AIP (whitened cosine)'],
  ['activationCorrelation', 'activation correlation (Pearson r)'],
] as const;

type MatchList = FeatureMatches['decoderCosine'];

/** "Same feature elsewhere": the feature's best partners in other SAEs, by each method that compared its SAE. */
export async function FeatureMatchesSection({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const matches: FeatureMatches = await getFeatureRelations(featureId);
    const shown = METHODS.filter(([key]) => matches[key].totalCount > 0);
    if (shown.length === 0) {
      return <p className="muted">This feature’s SAE has not been compared with another yet (atlas compare, or startComparison in the API).</p>;
    }
    return (
      <div data-testid="feature-matches">
        {shown.map(([key, title]) => (
          <MatchListCard key={key} title={title} list={matches[key]} featureId={featureId} />
        ))}
      </div>
    );
  });
}

function MatchListCard({ title, list, featureId }: { title: string; list: MatchList; featureId: string }) {
  return (
    <div className="card">
      <h3 className="small">By {title}</h3>
      <ol className={styles.neighbours}>
        {list.edges.map(({ node }) => {
          const other = node.featureA.id === featureId ? node.featureB : node.featureA;
          return (
            <li key={`${node.comparison.id}:${other.id}`}>
              <Link href={featureHrefFromId(other.id)} title={other.sae.id}>{saeName(other.sae.id)} #{other.index}</Link>
              <span className={`muted small ${styles.neighbourLabel}`} title={other.label?.text}>
                {other.label?.text ?? ''} <Link href={comparisonHref(node.comparison.id)}>comparison</Link>
              </span>
              <span className={styles.value} title={node.mutual ? 'mutual best match' : 'score'}>{formatValue(node.score)}{node.mutual ? ' ⇄' : ''}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
