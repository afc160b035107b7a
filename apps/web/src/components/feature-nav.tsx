import Link from 'next/link';
import { featureHref, saeHref } from '@/lib/routes';

/** Back to the SAE, and the neighbouring features by index. */
export function FeatureNav({ saeId, index, width }: { saeId: string; index: number; width: number }) {
  return (
    <nav className="feature-nav" aria-label="Feature navigation">
      <Link href={saeHref(saeId)}>↑ All features of this SAE</Link>
      <span className="feature-nav-steps">
        {index > 0 ? (
          <Link href={featureHref(saeId, index - 1)} rel="prev" className="button">
            ← #{index - 1}
          </Link>
        ) : (
          <span className="button disabled">← Previous</span>
        )}
        {index + 1 < width ? (
          <Link href={featureHref(saeId, index + 1)} rel="next" className="button">
            #{index + 1} →
          </Link>
        ) : (
          <span className="button disabled">Next →</span>
        )}
      </span>
    </nav>
  );
}
