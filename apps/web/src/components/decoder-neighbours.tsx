import { getFeatureView } from '@/lib/queries/feature';
import { FeatureNeighbourList } from './feature-neighbour-list';
import { renderFromApi } from './render-from-api';

/** The features whose decoder directions are nearest in cosine, each linked to its page. */
export async function DecoderNeighbours({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const { decoderNeighbours } = await getFeatureView(featureId);
    return (
      <FeatureNeighbourList
        items={decoderNeighbours.map(({ feature, cosine }) => ({ feature, score: cosine }))}
        scoreTitle="cosine similarity of the decoder directions"
        empty="No decoder neighbours were computed for this SAE."
        testId="decoder-neighbours"
      />
    );
  });
}
