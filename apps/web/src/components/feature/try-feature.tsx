import { isApiError } from '@/lib/graphql';
import { formatValue } from '@/lib/format';
import { MAX_TRY_TEXT_CHARS } from '@/lib/params';
import { getFeatureOnText, type FeatureOnText } from '@/lib/queries/feature-on-text';
import { ApiUnreachable } from '../api-unreachable';
import { TokenLine } from '../token-line';

interface TryFeatureProps {
  saeId: string;
  index: number;
  maxActivation: number;
  /** The text from `?try=`, when the form was sent. */
  text: string | undefined;
  /** This page's path: the form sends `?try=` back to it. */
  action: string;
}

/** "Try it": a GET form (works without JavaScript; the answer has a shareable URL) and this feature's activations on the text. */
export function TryFeature({ saeId, index, maxActivation, text, action }: TryFeatureProps) {
  return (
    <div className="card" data-testid="try-feature">
      <form method="get" action={`${action}#try`} className="text-form">
        <label htmlFor="try-text">Type any text to see where this feature fires on it</label>
        <textarea id="try-text" name="try" maxLength={MAX_TRY_TEXT_CHARS} defaultValue={text ?? ''} required rows={3} />
        <button type="submit" className="button">Run the model</button>
      </form>
      {text ? <TryResult saeId={saeId} index={index} maxActivation={maxActivation} text={text} /> : null}
    </div>
  );
}

async function TryResult({ saeId, index, maxActivation, text }: { saeId: string; index: number; maxActivation: number; text: string }) {
  let answer: FeatureOnText;
  try {
    answer = await getFeatureOnText(saeId, index, text);
  } catch (error) {
    if (isApiError(error, 'API_UNREACHABLE')) return <ApiUnreachable url={error.url} />;
    // The API's own words: an empty or too long text, the model's files missing, too many waiting.
    if (isApiError(error)) return <p className="notice notice-error" role="alert">{error.message}</p>;
    throw error;
  }
  const values = answer.tokens.map((token) => token.value);
  const peak = Math.max(0, ...values);
  return (
    <div data-testid="try-result">
      {answer.notice ? <p className="muted small">{answer.notice}</p> : null}
      <p className="muted small">
        {peak > 0
          ? `Fires on ${values.filter((value) => value > 0).length} of ${values.length} tokens; strongest ${formatValue(peak, 4)} (its top activation is ${formatValue(maxActivation, 4)}).`
          : `Does not fire on any of the ${values.length} tokens.`}
      </p>
      <p className="try-tokens">
        <TokenLine tokens={answer.tokens.map((token) => token.token)} values={values} maxActivation={maxActivation} maxPosition={peak > 0 ? values.indexOf(peak) : undefined} />
      </p>
    </div>
  );
}
