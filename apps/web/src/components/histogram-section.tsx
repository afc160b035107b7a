import { getFeatureDetail } from '@/lib/queries/feature';
import { ActivationHistogram } from './activation-histogram';
import { renderFromApi } from './render-from-api';

export async function HistogramSection({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const { histogram } = await getFeatureDetail(featureId);
    if (histogram.total === 0 || histogram.counts.length === 0) {
      return <p className="muted">This feature never fired on the statistics corpus, so there is nothing to plot.</p>;
    }
    return (
      <div className="card">
        <ActivationHistogram histogram={histogram} />
      </div>
    );
  });
}
