import { cache } from 'react';
import { operation, request } from '../graphql';
import type { FeatureMapQuery, FeatureMapQueryVariables } from '../../generated/operations';

/** One feature on the map (generated from the FeatureMap query below). */
export type FeatureMapPoint = FeatureMapQuery['sae']['map']['points'][number];
/** One captioned cluster of the map. */
export type FeatureMapCluster = FeatureMapQuery['sae']['map']['clusters'][number];

const FEATURE_MAP = operation<FeatureMapQuery, FeatureMapQueryVariables>(/* GraphQL */ `
  query FeatureMap($saeId: ID!, $first: Int, $after: String) {
    sae(id: $saeId) {
      map(first: $first, after: $after) {
        points { index x y density isDead label labelSource cluster }
        hasNextPage
        endCursor
        clusters { cluster caption x y size }
      }
    }
  }
`);

/** The API's largest map page: a 16k-feature map comes in two requests. */
const MAP_PAGE = 10_000;

/** Every positioned feature of an SAE, page by page, and the map's clusters. Memoised per request. */
export const getFeatureMap = cache(async (saeId: string): Promise<{ points: FeatureMapPoint[]; clusters: FeatureMapCluster[] }> => {
  const points: FeatureMapPoint[] = [];
  let after: string | null = null;
  for (;;) {
    const { sae }: FeatureMapQuery = await request(FEATURE_MAP, { saeId, first: MAP_PAGE, after });
    points.push(...sae.map.points);
    if (!sae.map.hasNextPage || !sae.map.endCursor) return { points, clusters: sae.map.clusters };
    after = sae.map.endCursor;
  }
});
