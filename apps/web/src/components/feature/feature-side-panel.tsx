import Link from 'next/link';
import { mapHref } from '@/lib/routes';
import { CoactivatingFeatures } from '../coactivating-features';
import { DecoderNeighbours } from '../decoder-neighbours';
import { FirstFlush } from '../first-flush';
import { LogitEffects } from '../logit-effects';
import { ListSkeleton } from '../skeletons';

/**
 * What the feature does to the output and which features are near it: beside the top activations on
 * a wide screen. `ready`: the feature's detail is already here, so the panel goes out in the first flush.
 */
export function FeatureSidePanel({ featureId, saeId, index, ready }: { featureId: string; saeId: string; index: number; ready: boolean }) {
  return (
    <div className="feature-side">
      <section aria-labelledby="logit-effects-heading">
        <h2 id="logit-effects-heading">Logit effects</h2>
        <FirstFlush ready={ready} fallback={<ListSkeleton rows={10} label="Loading logit effects" />}>
          <LogitEffects featureId={featureId} />
        </FirstFlush>
      </section>
      <section aria-labelledby="neighbours-heading">
        <div className="section-heading">
          <h2 id="neighbours-heading">Nearest by decoder direction</h2>
          <Link href={mapHref(saeId, index)}>On the map</Link>
        </div>
        <FirstFlush ready={ready} fallback={<ListSkeleton rows={4} label="Loading decoder neighbours" />}>
          <DecoderNeighbours featureId={featureId} />
        </FirstFlush>
      </section>
      <section aria-labelledby="coactivation-heading">
        <h2 id="coactivation-heading">Fires on the same tokens</h2>
        <FirstFlush ready={ready} fallback={<ListSkeleton rows={4} label="Loading co-activating features" />}>
          <CoactivatingFeatures featureId={featureId} />
        </FirstFlush>
      </section>
    </div>
  );
}
