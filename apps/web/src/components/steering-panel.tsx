'use client';

import { useState, useSyncExternalStore, useTransition, type FormEvent } from 'react';
import { formatValue } from '@/lib/format';
import type { SteeringResult } from '@/lib/queries/steering';
import { displayToken, quoteToken } from '@/lib/token-display';
import { runSteering, type SteerOutcome } from './steering-panel-action';
import {
  clampStrength,
  DEFAULT_MAX_TOKENS,
  defaultStrength,
  divergedFrom,
  MAX_STRENGTH,
  MAX_TOKENS,
} from './steering-panel-state';
import styles from './steering-panel.module.css';
import tokenStyles from './tokens.module.css';

const DEFAULT_PROMPT = 'The ship sailed';
const noSubscription = () => () => {};

interface SteeringPanelProps {
  featureId: string;
  /** Sets the starting strength (strength is in units of the feature's activation). */
  maxActivation: number;
  hookName: string;
}

/**
 * Steering on the feature page: a prompt continued by the model as it is and with the feature's
 * decoder row added at its SAE's hook, side by side. Runs through a server action (see
 * steering-panel-action.ts); everything else on the page is server-rendered.
 */
export function SteeringPanel({ featureId, maxActivation, hookName }: SteeringPanelProps) {
  const [prompt, setPrompt] = useState(DEFAULT_PROMPT);
  const [strength, setStrength] = useState(() => defaultStrength(maxActivation));
  const [maxTokens, setMaxTokens] = useState(DEFAULT_MAX_TOKENS);
  const [outcome, setOutcome] = useState<SteerOutcome | null>(null);
  const [pending, startTransition] = useTransition();
  // Until hydration the form has no submit handler: keep the button off so nothing submits natively.
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(async () => {
      try {
        setOutcome(await runSteering({ featureId, prompt, strength, maxTokens }));
      } catch {
        setOutcome({ ok: false, code: 'NETWORK', message: 'The request did not complete. Check your connection and try again.' });
      }
    });
  };

  return (
    <div className="card" data-testid="steering-panel">
      <form className={styles.form} onSubmit={submit} aria-busy={pending}>
        <label className="small muted" htmlFor="steering-prompt">
          Prompt (continued twice: as the model is, and with strength × this feature&apos;s decoder row added at{' '}
          <code>{hookName}</code> on every token)
        </label>
        <textarea
          id="steering-prompt"
          className={styles.prompt}
          value={prompt}
          maxLength={2000}
          onChange={(event) => setPrompt(event.target.value)}
        />
        <div className={styles.controls}>
          <label>
            Strength
            <input
              type="range"
              className={styles.slider}
              min={-MAX_STRENGTH}
              max={MAX_STRENGTH}
              step={1}
              value={strength}
              onChange={(event) => setStrength(clampStrength(event.target.valueAsNumber))}
              aria-label="Steering strength"
            />
            <input
              type="number"
              className={styles.number}
              min={-MAX_STRENGTH}
              max={MAX_STRENGTH}
              step="any"
              value={strength}
              onChange={(event) => setStrength(clampStrength(event.target.valueAsNumber))}
              aria-label="Steering strength value"
            />
          </label>
          <label>
            Max tokens
            <input
              type="number"
              className={styles.number}
              min={1}
              max={MAX_TOKENS}
              value={maxTokens}
              onChange={(event) => setMaxTokens(Math.min(MAX_TOKENS, Math.max(1, Math.round(event.target.valueAsNumber) || 1)))}
            />
          </label>
          <button type="submit" className={styles.run} disabled={pending || !hydrated}>
            {pending ? 'Generating…' : 'Steer'}
          </button>
        </div>
      </form>
      {outcome?.ok === false ? (
        <p className={styles.error} role="alert">
          {outcome.message}
        </p>
      ) : null}
      {outcome?.ok ? <SteeringComparison result={outcome.result} /> : null}
    </div>
  );
}

function SteeringComparison({ result }: { result: SteeringResult }) {
  const diverged = divergedFrom(result.baseline.tokens, result.steered.tokens);
  const { timing } = result;
  return (
    <div data-testid="steering-result">
      {result.promptTruncated && result.notice ? <p className={styles.notice}>{result.notice}</p> : null}
      <div className={styles.columns}>
        <Continuation title="Baseline" promptTokens={result.promptTokens} tokens={result.baseline.tokens} testId="steering-baseline" />
        <Continuation
          title={`Steered (strength ${formatValue(result.strength)})`}
          promptTokens={result.promptTokens}
          tokens={result.steered.tokens}
          divergedAt={diverged}
          testId="steering-steered"
        />
      </div>
      <p className="muted small">
        {result.temperature > 0 ? `Sampled at temperature ${result.temperature}, seed ${result.seed}.` : 'Greedy decoding.'}{' '}
        Baseline {Math.round(timing.baselineMs)} ms, steered {Math.round(timing.steeredMs)} ms
        {timing.modelLoadMs > 0 ? `, model load ${Math.round(timing.modelLoadMs)} ms` : ''}
        {timing.queuedMs >= 1 ? `, queued ${Math.round(timing.queuedMs)} ms` : ''}. Tokens from the first difference on are
        shaded.
      </p>
    </div>
  );
}

interface ContinuationProps {
  title: string;
  promptTokens: string[];
  tokens: string[];
  /** Generated tokens from this index on are shaded as departing from the baseline. */
  divergedAt?: number;
  testId: string;
}

/** The prompt (muted) followed by the generated tokens, shown like the atlas's other token lines. */
function Continuation({ title, promptTokens, tokens, divergedAt, testId }: ContinuationProps) {
  return (
    <section className={styles.column} data-testid={testId}>
      <h3>{title}</h3>
      <p className={tokenStyles.line}>
        {promptTokens.map((token, i) => (
          <Token key={`p${i}`} token={token} className={styles['prompt-token']} />
        ))}
        {tokens.map((token, i) => (
          <Token key={i} token={token} className={divergedAt !== undefined && i >= divergedAt ? styles.diverged : undefined} />
        ))}
      </p>
    </section>
  );
}

function Token({ token, className }: { token: string; className?: string | undefined }) {
  const { text, whitespaceOnly } = displayToken(token);
  const classes = [tokenStyles.token, whitespaceOnly ? tokenStyles.whitespace : null, className].filter(Boolean).join(' ');
  return (
    <span className={classes} title={quoteToken(token)}>
      {text}
    </span>
  );
}
