import { env } from '@/env';
import { FEATURE_SNIPPET_QUERY, featureCurl } from '@/lib/feature-api-snippet';
import { CopyButton } from '../copy-button';

/** This feature's data through the public GraphQL API: the query with its variables, and the same as one curl line. */
export function FeatureApiSnippet({ featureId }: { featureId: string }) {
  const variables = JSON.stringify({ id: featureId });
  const curl = featureCurl(env.ATLAS_API_URL, featureId);
  return (
    <div className="card api-snippet" data-testid="feature-api">
      <p className="muted small">
        Everything on this page comes from the GraphQL API at <code>{env.ATLAS_API_URL}</code>. This query fetches
        the feature (variables: <code>{variables}</code>):
      </p>
      <div className="snippet">
        <pre><code data-testid="feature-api-query">{FEATURE_SNIPPET_QUERY}</code></pre>
        <CopyButton text={FEATURE_SNIPPET_QUERY} label="Copy the GraphQL query" />
      </div>
      <div className="snippet">
        <pre><code data-testid="feature-api-curl">{curl}</code></pre>
        <CopyButton text={curl} label="Copy the curl command" />
      </div>
    </div>
  );
}
