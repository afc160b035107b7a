import { formatValue } from '@/lib/format';
import { logitBarWidths } from '@/lib/logit-bars';
import { getFeatureView } from '@/lib/queries/feature';
import { displayToken, isByteOrControlToken, quoteToken } from '@/lib/token-display';
import styles from './dashboard-lists.module.css';
import { renderFromApi } from './render-from-api';

type Effect = { token: string; value: number };

interface EffectColumnProps {
  title: string;
  effects: Effect[];
  widths: number[];
  sign: 'positive' | 'negative';
}

function EffectColumn({ title, effects, widths, sign }: EffectColumnProps) {
  return (
    <div>
      <h3>{title}</h3>
      <ol className={styles.effects}>
        {effects.map((effect, i) => (
          <li key={i} title={`${quoteToken(effect.token)} · ${effect.value}`}>
            <span className={`${styles.bar} ${styles[sign]}`} style={{ width: `${widths[i] ?? 0}%` }} aria-hidden />
            <span className={styles.token}>{displayToken(effect.token).text}</span>
            <span className={styles.value}>{formatValue(effect.value)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Tokens the decoder direction promotes and suppresses most (W_dec · W_U), in two columns. */
export async function LogitEffects({ featureId }: { featureId: string }) {
  return renderFromApi(async () => {
    const all = (await getFeatureView(featureId)).logitEffects;
    if (all.positive.length === 0 && all.negative.length === 0) {
      return <p className="muted">Logit effects are not available: the model&apos;s unembedding could not be read.</p>;
    }
    const positive = all.positive.filter((effect) => !isByteOrControlToken(effect.token));
    const negative = all.negative.filter((effect) => !isByteOrControlToken(effect.token));
    const hidden = all.positive.length + all.negative.length - positive.length - negative.length;
    const widths = logitBarWidths(positive, negative);
    return (
      <div className={`card ${styles.columns}`} data-testid="logit-effects">
        <EffectColumn title="Promoted" effects={positive} widths={widths.positive} sign="positive" />
        <EffectColumn title="Suppressed" effects={negative} widths={widths.negative} sign="negative" />
        <p className={`muted small ${styles.note}`} data-testid="logit-effects-note">
          Tokens never seen in training are hidden (where the model records its training token counts, as the demo
          LMs do), and so are byte fragments (<code>&lt;0x88&gt;</code>) and control characters
          {hidden > 0 ? ` (${hidden} more hidden here)` : ''}.
        </p>
      </div>
    );
  });
}
