import Link from 'next/link';
import type { TextAnswer } from '@/lib/queries/search';
import { formatPercent, formatValue } from '@/lib/format';
import { featureHref } from '@/lib/routes';
import { TokenSpan } from './token-line';

/** The text as highlighted tokens (shade: the token's strongest feature), then the features most active over it. */
export function TextFeatures({ saeId, answer }: { saeId: string; answer: TextAnswer }) {
  const strongest = answer.tokens.map((token) => token.features[0]?.value ?? 0);
  const peak = Math.max(0, ...strongest);
  return (
    <>
      {answer.notice ? <p className="notice" role="status">{answer.notice}</p> : null}
      <section className="section">
        <h2>Tokens</h2>
        <p className="muted small">Shade: the token&apos;s strongest feature. Hover a token for its features.</p>
        <div className="text-tokens" data-testid="text-tokens">
          {answer.tokens.map((token) => (
            <TokenSpan
              key={token.position}
              token={token.token}
              value={strongest[token.position] ?? 0}
              maxActivation={peak}
              title={token.features.map((f) => `#${f.index} ${formatValue(f.value, 3)}`).join(', ') || 'no feature'}
            />
          ))}
        </div>
      </section>
      <section className="section">
        <h2>Features over the whole text</h2>
        {answer.densityFilter ? (
          <p className="muted small">Features firing on more than {formatPercent(answer.densityFilter.max)} of all tokens are left out ({answer.densityFilter.excludedFeatures} here).</p>
        ) : null}
        <div className="card flush">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col" className="num">#</th>
                <th scope="col">Label</th>
                <th scope="col" className="num">Total</th>
                <th scope="col" className="num">Max</th>
                <th scope="col">Strongest on</th>
                <th scope="col" className="num">Tokens</th>
                <th scope="col" className="num">Density</th>
              </tr>
            </thead>
            <tbody>
              {answer.features.map((f) => (
                <tr key={f.index} data-feature-id={f.feature.id}>
                  <td className="num"><Link href={featureHref(saeId, f.index)}>#{f.index}</Link></td>
                  <td>{f.feature.label?.text ?? <span className="muted">—</span>}</td>
                  <td className="num">{formatValue(f.total)}</td>
                  <td className="num">{formatValue(f.maxValue)}</td>
                  <td><code>{answer.tokens[f.maxPosition]?.token ?? ''}</code></td>
                  <td className="num">{f.tokenCount}</td>
                  <td className="num">{formatPercent(f.feature.density)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
