/** Placeholders shown while a streamed section waits for the API. */

function Bar({ width = '100%', height = '1rem' }: { width?: string; height?: string }) {
  return <span className="skeleton" style={{ width, height }} />;
}

export function ModelCatalogSkeleton() {
  return (
    <div aria-busy="true" aria-label="Loading models">
      {[0, 1].map((i) => (
        <div className="card skeleton-card" key={i}>
          <Bar width="30%" height="1.5rem" />
          <Bar width="60%" />
          <Bar height="6rem" />
        </div>
      ))}
    </div>
  );
}

export function FeatureListSkeleton({ rows }: { rows: number }) {
  return (
    <div className="card skeleton-card" aria-busy="true" aria-label="Loading features">
      {Array.from({ length: Math.min(rows, 25) }, (_, i) => (
        <Bar key={i} height="1.6rem" />
      ))}
    </div>
  );
}

export function HistogramSkeleton() {
  return (
    <div className="card skeleton-card" aria-busy="true" aria-label="Loading histogram">
      <Bar height="16rem" />
    </div>
  );
}

/** A card of `rows` short lines (neighbour lists, logit-effect columns). */
export function ListSkeleton({ rows, label }: { rows: number; label: string }) {
  return (
    <div className="card skeleton-card" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <Bar key={i} height="1.2rem" width={`${40 + ((i * 11) % 40)}%`} />
      ))}
    </div>
  );
}
