import Link from 'next/link';
import { formatValue } from '@/lib/format';
import { getSaeComparisons } from '@/lib/queries/comparison';
import { comparisonHref, saeHref } from '@/lib/routes';
import { renderFromApi } from './render-from-api';

const METHOD_NAMES = { DECODER_COSINE: 'decoder cosine', AIP: 'AIP', ACTIVATION_CORRELATION: 'activation correlation', FAMILIES: 'feature families' } as const;
/** The figure shown beside each comparison: the pairing's mean score. */
const HEADLINE = { DECODER_COSINE: 'assignedMean', AIP: 'assignedMean', ACTIVATION_CORRELATION: 'meanBestAB', FAMILIES: 'parentsWithChildrenShare' } as const;

/** The SAE's stored comparisons, each linked to its page. */
export async function SaeComparisons({ saeId }: { saeId: string }) {
  return renderFromApi(async () => {
    const comparisons = await getSaeComparisons(saeId);
    if (comparisons.length === 0) return <p className="muted">Not compared with another SAE yet (<code>atlas compare</code>).</p>;
    return (
      <ul className="card" data-testid="sae-comparisons">
        {comparisons.map((comparison) => {
          const other = comparison.saeA.id === saeId ? comparison.saeB.id : comparison.saeA.id;
          const headline = comparison.figures.find((figure) => figure.name === HEADLINE[comparison.method]);
          return (
            <li key={comparison.id}>
              <Link href={comparisonHref(comparison.id)}>{METHOD_NAMES[comparison.method]}</Link> with{' '}
              <Link href={saeHref(other)}>{other}</Link>
              {headline ? <span className="muted small"> · {headline.name} {formatValue(headline.value)}</span> : null}
            </li>
          );
        })}
      </ul>
    );
  });
}
