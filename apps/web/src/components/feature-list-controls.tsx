import { MAX_LABEL_FILTER_CHARS } from '@/lib/params';
import { FEATURE_QUALITIES, FEATURE_SORTS, QUALITY_NAMES, SORT_NAMES, type FeatureQualityParam, type FeatureSort } from '@/lib/feature-list-view';

/** Order and filter of the feature list: a GET form (works without JavaScript; the URL is the view). */
interface FeatureListControlsProps {
  sort: FeatureSort;
  quality: FeatureQualityParam;
  label: string | undefined;
  first: number;
}

export function FeatureListControls({ sort, quality, label, first }: FeatureListControlsProps) {
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
      <label>
        Label contains
        <input type="search" name="label" defaultValue={label ?? ''} maxLength={MAX_LABEL_FILTER_CHARS} placeholder="any label" />
      </label>
      <input type="hidden" name="first" value={first} />
      <button type="submit" className="button">Apply</button>
    </form>
  );
}
