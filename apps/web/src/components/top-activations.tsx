import { getFeatureView } from '@/lib/queries/feature';
import { ActivationExample } from './activation-example';
import { renderFromApi } from './render-from-api';

/** Contexts shown before "more": with the side panel they fit the first screen of a laptop. */
const SHOWN = 8;

/** The contexts where the feature fires hardest, strongest first; the rest behind a disclosure (no JavaScript needed). */
export async function TopActivations({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const { topActivations, maxActivation } = await getFeatureView(featureId);
    if (topActivations.length === 0) {
      return <p className="muted">No activating contexts were recorded for this feature.</p>;
    }
    const corpora = [...new Set(topActivations.map((example) => example.corpusName))];
    const rest = topActivations.slice(SHOWN);
    return (
      <div className="card" data-testid="top-activations">
        <p className="muted small">
          Colour ∝ activation ÷ max activation ({maxActivation.toPrecision(4)}); the strongest token is outlined.
          Hover a token for its value. Corpus: {corpora.join(', ')}.
        </p>
        <ol className="examples">
          {topActivations.slice(0, SHOWN).map((example) => (
            <ActivationExample key={example.rank} example={example} maxActivation={maxActivation} />
          ))}
        </ol>
        {rest.length > 0 ? (
          <details className="more-examples">
            <summary>{rest.length} more top activations</summary>
            <ol className="examples">
              {rest.map((example) => (
                <ActivationExample key={example.rank} example={example} maxActivation={maxActivation} />
              ))}
            </ol>
          </details>
        ) : null}
      </div>
    );
  });
}
