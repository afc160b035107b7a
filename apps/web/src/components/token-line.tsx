import { tokenHtml, tokenLineHtml, type TokenLineClasses, type TokenLineInput } from '@/lib/token-line-html';
import styles from './tokens.module.css';

const CLASSES: TokenLineClasses = {
  token: styles.token ?? '',
  active: styles.active ?? '',
  whitespace: styles.whitespace ?? '',
  max: styles.max ?? '',
  ellipsis: styles.ellipsis ?? '',
};

export interface TokenLineProps extends TokenLineInput {
  /** One line, clipped (previews) instead of wrapping. */
  nowrap?: boolean;
}

/**
 * A context as a line of highlighted tokens: one element per active token, plain text between
 * (lib/token-line-html.ts builds it, escaped, as one HTML string: nothing per token to serialise
 * into the RSC payload or to hydrate).
 */
export function TokenLine({ nowrap = false, ...input }: TokenLineProps) {
  return (
    <span
      className={`${styles.line} ${nowrap ? styles.nowrap : ''}`}
      // Every token and value is escaped in tokenLineHtml.
      dangerouslySetInnerHTML={{ __html: tokenLineHtml(input, CLASSES) }}
    />
  );
}

/**
 * One highlighted token on its own (the "your text" page shades each token by its strongest
 * feature), inside a span whose `title` says more; the same markup as a token of a TokenLine.
 */
export function TokenSpan({ token, value, maxActivation, title }: { token: string; value: number; maxActivation: number; title: string }) {
  return <span title={title} dangerouslySetInnerHTML={{ __html: tokenHtml(token, value, maxActivation, false, false, CLASSES) }} />;
}
