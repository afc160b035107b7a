import Link from 'next/link';
import { mapHref } from '@/lib/routes';
import { CoactivatingFeatures } from '../coactivating-features';
import { DecoderNeighbours } from '../decoder-neighbours';
import { LogitEffects } from '../logit-effects';

/**
 * What the feature does to the output and which features are near it: beside the top activations on
 * a wide screen. Its data is the page's (getFeatureView), already here: the panel goes out in the
 * page's first flush, not streamed behind a skeleton.
 */
export function FeatureSidePanel({ featureId, saeId, index }: { featureId: string; saeId: string; index: number }) {
  return (
    <div className="feature-side">
      <section aria-labelledby="logit-effects-heading">
        <h2 id="logit-effects-heading">Logit effects</h2>
        <LogitEffects featureId={featureId} />
      </section>
      <section aria-labelledby="neighbours-heading">
        <div className="section-heading">
          <h2 id="neighbours-heading">Nearest by decoder direction</h2>
          <Link href={mapHref(saeId, index)}>On the map</Link>
        </div>
        <DecoderNeighbours featureId={featureId} />
      </section>
      <section aria-labelledby="coactivation-heading">
        <h2 id="coactivation-heading">Fires on the same tokens</h2>
        <CoactivatingFeatures featureId={featureId} />
      </section>
    </div>
  );
}
