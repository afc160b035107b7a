import { getFeatureDetail } from '@/lib/queries/feature';
import { ActivationExample } from './activation-example';
import { renderFromApi } from './render-from-api';

/** The contexts where the feature fires hardest, strongest first. */
export async function TopActivations({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const { topActivations, maxActivation } = await getFeatureDetail(featureId);
    if (topActivations.length === 0) {
      return <p className="muted">No activating contexts were recorded for this feature.</p>;
    }
    const corpora = [...new Set(topActivations.map((example) => example.corpusName))];
    return (
      <div className="card">
        <p className="muted small">
          Colour is proportional to activation ÷ max activation ({maxActivation.toPrecision(4)}); the strongest token of
          each context is outlined. Hover a token for its value. Corpus: {corpora.join(', ')}.
        </p>
        <ol className="examples">
          {topActivations.map((example) => (
            <ActivationExample key={example.rank} example={example} maxActivation={maxActivation} />
          ))}
        </ol>
      </div>
    );
  });
}
