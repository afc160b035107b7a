import { FEATURE_QUALITIES, FEATURE_SORTS, QUALITY_NAMES, SORT_NAMES, type FeatureQualityParam, type FeatureSort } from '@/lib/feature-list-view';

/** Order and filter of the feature list: a GET form (works without JavaScript; the URL is the view). */
export function FeatureListControls({ sort, quality, first }: { sort: FeatureSort; quality: FeatureQualityParam; first: number }) {
  return (
    <form method="get" className="list-controls" aria-label="Order and filter features">
      <label>
        Order
        <select name="sort" defaultValue={sort}>
          {SORT_NAMES.map((name) => (
            <option key={name} value={name}>{FEATURE_SORTS[name].label}</option>
          ))}
        </select>
      </label>
      <label>
        Show
        <select name="quality" defaultValue={quality}>
          {QUALITY_NAMES.map((name) => (
            <option key={name} value={name}>{FEATURE_QUALITIES[name].label}</option>
          ))}
        </select>
      </label>
      <input type="hidden" name="first" value={first} />
      <button type="submit" className="button">Apply</button>
    </form>
  );
}
