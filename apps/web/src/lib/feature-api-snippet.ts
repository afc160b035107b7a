/** The GraphQL query and curl line shown on a feature page, so anyone can fetch the same data. */

export const FEATURE_SNIPPET_QUERY = `query Feature($id: ID!) {
  feature(id: $id) {
    id index density maxActivation isDead isDense
    label { text source method }
    topActivations(first: 5) { maxValue tokens values }
    logitEffects { positive { token value } negative { token value } }
    decoderNeighbours { cosine feature { id label { text } } }
  }
}`;

/** A one-line `curl` POST of the query with this feature's id (single quotes escaped for POSIX shells). */
export function featureCurl(apiUrl: string, featureId: string): string {
  const body = JSON.stringify({ query: FEATURE_SNIPPET_QUERY.replace(/\s+/g, ' '), variables: { id: featureId } });
  return `curl -s ${apiUrl} -H 'content-type: application/json' -d '${body.replaceAll("'", "'\\''")}'`;
}
