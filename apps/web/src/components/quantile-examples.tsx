import { QuantileBins } from './feature/collapsed-examples';
import { loadQuantileExamples } from './feature/collapsed-examples-actions';
import { LazyDetails } from './lazy-details';
import { renderFromApi } from './render-from-api';

const SECTION_ID = 'examples-across-range';
const SUMMARY = 'Examples across the activation range (weakest to strongest)';

function Intro() {
  return (
    <p className="muted small">
      A uniform sample of the contexts where the feature fired, cut by their maximum activation into bins of equal
      size; a few contexts from each, avoiding the top activations where possible. Same colour scale as the top activations.
    </p>
  );
}

/**
 * Contexts sampled across the feature's activation range, collapsed: rendered when opened, or
 * inline when the page is asked for every example (`expanded`, the no-JavaScript link).
 */
export async function QuantileExamples({ featureId, href, expanded }: { featureId: string; href: string; expanded: boolean }) {
  return renderFromApi(async () => (
    <LazyDetails
      id={SECTION_ID}
      className="card more-examples"
      testId="quantile-examples"
      summary={SUMMARY}
      load={loadQuantileExamples.bind(null, featureId)}
      rendered={expanded ? await QuantileBins({ featureId }) : undefined}
      fallbackHref={`${href}?examples=all#${SECTION_ID}`}
      fallbackText="Show these examples"
    >
      <Intro />
    </LazyDetails>
  ));
}
