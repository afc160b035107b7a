import Link from 'next/link';
import { formatValue } from '@/lib/format';
import { getFeatureDetail } from '@/lib/queries/feature';
import { featureHrefFromId } from '@/lib/routes';
import styles from './dashboard-lists.module.css';
import { renderFromApi } from './render-from-api';

/** The features whose decoder directions are nearest in cosine, each linked to its page. */
export async function DecoderNeighbours({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const { decoderNeighbours } = await getFeatureDetail(featureId);
    if (decoderNeighbours.length === 0) {
      return <p className="muted">No decoder neighbours were computed for this SAE.</p>;
    }
    return (
      <ol className={`card ${styles.neighbours}`} data-testid="decoder-neighbours">
        {decoderNeighbours.map(({ feature, cosine }) => (
          <li key={feature.id}>
            <Link href={featureHrefFromId(feature.id)}>#{feature.index}</Link>
            <span className={`muted small ${styles.neighbourLabel}`}>{feature.label?.text ?? ''}</span>
            <span className={styles.value} title="cosine similarity of the decoder directions">
              {formatValue(cosine)}
            </span>
          </li>
        ))}
      </ol>
    );
  });
}
