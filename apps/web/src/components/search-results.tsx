import Link from 'next/link';
import type { ReactNode } from 'react';
import type { SearchResult } from '@/lib/queries/search';
import { formatPercent, formatValue } from '@/lib/format';
import { featureHref, saeHref } from '@/lib/routes';
import { tokenWindow } from '@/lib/token-window';
import { TokenLine } from './token-line';

/** The matched text with the matched words in <mark>. */
function MatchedText({ text, highlights }: { text: string; highlights: { start: number; end: number }[] }) {
  const parts: ReactNode[] = [];
  let at = 0;
  highlights.forEach(({ start, end }, i) => {
    parts.push(text.slice(at, start), <mark key={i}>{text.slice(start, end)}</mark>);
    at = end;
  });
  parts.push(text.slice(at));
  return <>{parts}</>;
}

const PART_NAMES = { LABEL: 'label', PEAK_WORDS: 'fires on', CONTEXT: 'context' } as const;

/** One search hit: label, SAE, density, score, a one-line activation example with the peak token outlined, and what matched. */
export function SearchResultItem({ result }: { result: SearchResult }) {
  const { node, match } = result;
  const href = featureHref(node.sae.id, node.index);
  const top = node.topActivations[0];
  const window = top ? tokenWindow(top.tokens.length, top.maxPosition) : null;
  return (
    <li className="search-result" data-feature-id={node.id}>
      <div className="search-result-head">
        <Link href={href}>{node.label?.text ?? `#${node.index}`}</Link>
        <span className="search-result-meta">
          <Link href={saeHref(node.sae.id)}>{node.sae.id}</Link> · #{node.index} · density {formatPercent(node.density)} · score {formatValue(result.score, 3)}
        </span>
      </div>
      {top && window ? (
        <div className="preview-cell">
          <TokenLine tokens={top.tokens} values={top.values} maxActivation={node.maxActivation} maxPosition={top.maxPosition} start={window.start} end={window.end} nowrap />
        </div>
      ) : <span className="muted small">never fired</span>}
      {match && match.text !== node.label?.text ? (
        <div className="search-result-match">
          {PART_NAMES[match.part]}: <MatchedText text={match.text} highlights={match.highlights} />
        </div>
      ) : null}
    </li>
  );
}
