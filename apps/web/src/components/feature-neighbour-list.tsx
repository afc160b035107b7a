import Link from 'next/link';
import { formatValue } from '@/lib/format';
import { featureHrefFromId } from '@/lib/routes';
import styles from './dashboard-lists.module.css';

export interface NeighbourItem {
  feature: { id: string; index: number; label: { text: string } | null };
  score: number;
}

interface FeatureNeighbourListProps {
  items: readonly NeighbourItem[];
  /** What the score is, shown on hover. */
  scoreTitle: string;
  empty: string;
  testId: string;
}

/** Related features of the same SAE, each linked to its page with its label and a score. */
export function FeatureNeighbourList({ items, scoreTitle, empty, testId }: FeatureNeighbourListProps) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className={`card ${styles.neighbours}`} data-testid={testId}>
      {items.map(({ feature, score }) => (
        <li key={feature.id}>
          <Link href={featureHrefFromId(feature.id)}>#{feature.index}</Link>
          <span className={`muted small ${styles.neighbourLabel}`} title={feature.label?.text}>{feature.label?.text ?? ''}</span>
          <span className={styles.value} title={scoreTitle}>
            {formatValue(score)}
          </span>
        </li>
      ))}
    </ol>
  );
}
