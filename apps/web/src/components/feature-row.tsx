import Link from 'next/link';
import type { FeatureListItem } from '@/lib/queries/feature-page';
import { formatPercent, formatValue } from '@/lib/format';
import { tokenWindow } from '@/lib/token-window';
import { TokenLine } from './token-line';

function TopActivationPreview({ feature }: { feature: FeatureListItem }) {
  const top = feature.topActivations[0];
  if (!top) return <span className="muted">never fired</span>;
  const { start, end } = tokenWindow(top.tokens.length, top.maxPosition);
  return (
    <TokenLine
      tokens={top.tokens}
      values={top.values}
      maxActivation={feature.maxActivation}
      maxPosition={top.maxPosition}
      start={start}
      end={end}
      nowrap
    />
  );
}

export function FeatureRow({ feature, href }: { feature: FeatureListItem; href: string }) {
  return (
    <tr>
      <td className="num">
        <Link href={href}>#{feature.index}</Link>
      </td>
      <td className="label-cell">
        {feature.label ? <Link href={href}>{feature.label.text}</Link> : <span className="muted">—</span>}
      </td>
      <td className="num">{formatPercent(feature.density)}</td>
      <td className="num">{formatValue(feature.maxActivation)}</td>
      <td className="preview-cell">
        <TopActivationPreview feature={feature} />
      </td>
    </tr>
  );
}
