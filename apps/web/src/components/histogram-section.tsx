import Link from 'next/link';
import { formatInteger } from '@/lib/format';
import type { CountScale } from '@/lib/histogram-layout';
import { getFeatureView } from '@/lib/queries/feature';
import { ActivationHistogram } from './activation-histogram';
import styles from './activation-histogram.module.css';
import { renderFromApi } from './render-from-api';

function ScaleLinks({ scale, href }: { scale: CountScale; href: string }) {
  return (
    <span className={styles.scaleLinks}>
      Count axis:
      {scale === 'linear' ? <strong>linear</strong> : <Link href={href} scroll={false}>linear</Link>}
      {scale === 'log' ? <strong>log</strong> : <Link href={`${href}?counts=log`} scroll={false}>log</Link>}
    </span>
  );
}

/** The histogram card; `href` is this feature page, for the linear / log count-axis links. */
export async function HistogramSection({ featureId, scale, href }: { featureId: string; scale: CountScale; href: string }) {
  return renderFromApi(async () => {
    const { histogram } = await getFeatureView(featureId);
    if (histogram.total === 0 || histogram.counts.length === 0) {
      return <p className="muted">This feature never fired on the statistics corpus, so there is nothing to plot.</p>;
    }
    return (
      <figure className="card histogram-card" data-testid="activation-histogram">
        <figcaption className={styles.toolbar}>
          <span>{formatInteger(histogram.total)} non-zero activations over {histogram.counts.length} log-spaced bins</span>
          <ScaleLinks scale={scale} href={href} />
        </figcaption>
        <ActivationHistogram histogram={histogram} scale={scale} />
      </figure>
    );
  });
}
