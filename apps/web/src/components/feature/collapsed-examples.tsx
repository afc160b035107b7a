import { formatValue } from '@/lib/format';
import { getFeatureQuantileExamples, getFeatureTopActivations, TOP_ACTIVATIONS_SHOWN } from '@/lib/queries/feature';
import { ActivationExample } from '../activation-example';

/**
 * The feature page's collapsed examples, each read with its own request: rendered inline when the
 * page is asked for them (`?examples=all`, the no-JavaScript path), otherwise by the server
 * actions in collapsed-examples-actions.ts when a reader opens the disclosure.
 */

/** The top activations after those shown on arrival, strongest first. */
export async function MoreTopActivations({ featureId }: { featureId: string }) {
  const { topActivations, maxActivation } = await getFeatureTopActivations(featureId);
  return (
    <ol className="examples" start={TOP_ACTIVATIONS_SHOWN + 1}>
      {topActivations.slice(TOP_ACTIVATIONS_SHOWN).map((example) => (
        <ActivationExample key={example.rank} example={example} maxActivation={maxActivation} />
      ))}
    </ol>
  );
}

/** Contexts sampled across the feature's activation range, one small group per quantile bin, weakest bin first. */
export async function QuantileBins({ featureId }: { featureId: string }) {
  const { quantileExamples, maxActivation } = await getFeatureQuantileExamples(featureId);
  if (quantileExamples.length === 0) {
    return <p className="muted">No quantile examples were recorded for this feature.</p>;
  }
  const bins = [...quantileExamples].reverse();
  return bins.map((bin, i) => (
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
  ));
}
