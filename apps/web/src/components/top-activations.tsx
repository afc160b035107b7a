import { getFeatureView, TOP_ACTIVATIONS_SHOWN } from '@/lib/queries/feature';
import { ActivationExample } from './activation-example';
import { MoreTopActivations } from './feature/collapsed-examples';
import { loadMoreTopActivations } from './feature/collapsed-examples-actions';
import { LazyDetails } from './lazy-details';
import { renderFromApi } from './render-from-api';

const MORE_ID = 'more-top-activations';

/**
 * The contexts where the feature fires hardest, strongest first; the rest behind a disclosure that
 * renders them when opened (`expanded`: inline, for the page's no-JavaScript link).
 */
export async function TopActivations({ featureId, href, expanded }: { featureId: string; href: string; expanded: boolean }) {
  return renderFromApi(async () => {
    const { topActivations, maxActivation } = await getFeatureView(featureId);
    if (topActivations.length === 0) {
      return <p className="muted">No activating contexts were recorded for this feature.</p>;
    }
    const corpora = [...new Set(topActivations.map((example) => example.corpusName))];
    return (
      <div className="card" data-testid="top-activations">
        <p className="muted small">
          Colour ∝ activation ÷ max activation ({maxActivation.toPrecision(4)}); the strongest token is outlined.
          Hover a token for its value. Corpus: {corpora.join(', ')}.
        </p>
        <ol className="examples">
          {topActivations.slice(0, TOP_ACTIVATIONS_SHOWN).map((example) => (
            <ActivationExample key={example.rank} example={example} maxActivation={maxActivation} />
          ))}
        </ol>
        {topActivations.length > TOP_ACTIVATIONS_SHOWN ? (
          <LazyDetails
            id={MORE_ID}
            className="more-examples"
            summary="More top activations"
            load={loadMoreTopActivations.bind(null, featureId)}
            rendered={expanded ? await MoreTopActivations({ featureId }) : undefined}
            fallbackHref={`${href}?examples=all#${MORE_ID}`}
            fallbackText="Show them"
          />
        ) : null}
      </div>
    );
  });
}
