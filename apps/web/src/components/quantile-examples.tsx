import { getFeatureView } from '@/lib/queries/feature';
import { formatValue } from '@/lib/format';
import { ActivationExample } from './activation-example';
import { renderFromApi } from './render-from-api';

/** Contexts sampled across the feature's activation range, one small group per quantile bin, strongest bin first. */
export async function QuantileExamples({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const { quantileExamples, maxActivation } = await getFeatureView(featureId);
    if (quantileExamples.length === 0) {
      return <p className="muted">No quantile examples were recorded for this feature.</p>;
    }
    const bins = [...quantileExamples].reverse();
    return (
      <details className="card more-examples" data-testid="quantile-examples">
        <summary>Examples across the activation range ({bins.length} intervals, weakest to strongest)</summary>
        <p className="muted small">
          A uniform sample of the contexts where the feature fired, cut by their maximum activation into bins of equal
          size; a few contexts from each, avoiding the top activations where possible. Same colour scale as the top activations.
        </p>
        {bins.map((bin, i) => (
          <section className="quantile-bin" key={`${bin.lower}-${bin.upper}-${i}`} aria-label={`Activations ${bin.lower} to ${bin.upper}`}>
            <h3 className="quantile-heading">
              Interval {bins.length - i} · max activation {formatValue(bin.lower)}–{formatValue(bin.upper)}
              <span className="muted small"> ({bin.count} sampled)</span>
            </h3>
            {bin.examples.length > 0 ? (
              <ol className="examples">
                {bin.examples.map((example) => (
                  <ActivationExample key={example.rank} example={example} maxActivation={maxActivation} showRank={false} />
                ))}
              </ol>
            ) : (
              <p className="muted small">No contexts stored for this interval.</p>
            )}
          </section>
        ))}
      </details>
    );
  });
}
