import { getFeatureView } from '@/lib/queries/feature';
import { FeatureNeighbourList } from './feature-neighbour-list';
import { renderFromApi } from './render-from-api';

/** The features that most often fire on the same tokens (Jaccard index), each linked to its page. */
export async function CoactivatingFeatures({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const { coactivatingFeatures } = await getFeatureView(featureId);
    return (
      <FeatureNeighbourList
        items={coactivatingFeatures.map(({ feature, jaccard }) => ({ feature, score: jaccard }))}
        scoreTitle="Jaccard index: tokens both fire on / tokens either fires on"
        empty="No co-activating features: this feature fired too rarely, or co-activation was not computed for this SAE."
        testId="coactivating-features"
      />
    );
  });
}
