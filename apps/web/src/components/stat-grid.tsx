import type { ReactNode } from 'react';

export interface Stat {
  label: string;
  value: ReactNode;
  /** A second, quieter line under the value. */
  detail?: ReactNode;
}

/** A row of labelled figures (metrics, density, activations). */
export function StatGrid({ stats }: { stats: Stat[] }) {
  return (
    <dl className="stat-grid">
      {stats.map((stat) => (
        <div className="stat" key={stat.label}>
          <dt>{stat.label}</dt>
          <dd>
            {stat.value}
            {stat.detail ? <span className="stat-detail">{stat.detail}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
