import escapeHtml from 'escape-html';
import { activationBackground } from './activation-color';
import { formatValue } from './format';
import { displayToken, quoteToken, splitLeadingSpace } from './token-display';

/** The stylesheet's class names for a token line (components/tokens.module.css). */
export interface TokenLineClasses {
  token: string;
  active: string;
  whitespace: string;
  max: string;
  ellipsis: string;
}

export interface TokenLineInput {
  tokens: readonly string[];
  values: readonly number[];
  maxActivation: number;
  /** Index in `tokens` of the strongest token, outlined. */
  maxPosition?: number | undefined;
  /** Show only tokens[start, end); ellipses mark what was cut. */
  start?: number | undefined;
  end?: number | undefined;
}

/**
 * A context's tokens as an HTML string, every token and value escaped (escape-html): the markup
 * React would render for them, made once on the server. Why a string: a feature page shows some
 * 70 contexts; as React elements each active token was a `<span>` built by the server render, again
 * in the RSC payload (`["$","span",null,{…}]`) and walked again by hydration in the browser. As
 * `dangerouslySetInnerHTML` it is one string in the payload and nothing to hydrate, which is most of
 * the feature page's render time and of the main-thread work before its first paint (issue 14
 * item 7, issue 16 load; docs/benchmarks.md).
 *
 * Runs of tokens where the feature did not fire are plain text (whitespace-only tokens keep their
 * markers); an active token is a span with its value (`data-value`, `data-tip`), a title with the
 * quoted token, and its colour in `--activation`. A leading space stays outside the coloured span,
 * so a wrapped line never ends in a coloured sliver; the first token shown loses it (no indent).
 */
export function tokenLineHtml({ tokens, values, maxActivation, maxPosition, start = 0, end }: TokenLineInput, classes: TokenLineClasses): string {
  const stop = end ?? tokens.length;
  let html = start > 0 ? `<span class="${classes.ellipsis}">…</span>` : '';
  let plain = '';
  for (let position = start; position < stop; position += 1) {
    const token = tokens[position] ?? '';
    const value = values[position] ?? 0;
    const first = position === start;
    const shown = displayToken(token);
    if (value <= 0 && position !== maxPosition && !shown.whitespaceOnly) {
      plain += first ? shown.text.trimStart() : shown.text;
      continue;
    }
    html += escapeHtml(plain);
    plain = '';
    html += tokenHtml(token, value, maxActivation, position === maxPosition, first, classes);
  }
  html += escapeHtml(plain);
  if (stop < tokens.length) html += `<span class="${classes.ellipsis}">…</span>`;
  return html;
}

/**
 * One token as HTML, escaped: its background proportional to value / maxActivation, `data-value`
 * (the exact activation) and `token-active` when it fired. `first`: the first token shown on its
 * line loses its leading space (no indent).
 */
export function tokenHtml(token: string, value: number, maxActivation: number, isMax: boolean, first: boolean, classes: TokenLineClasses): string {
  const { lead, rest } = splitLeadingSpace(token);
  const { text, whitespaceOnly } = displayToken(rest);
  const active = value > 0;
  const className = [classes.token, active ? `token-active ${classes.active}` : null, whitespaceOnly ? classes.whitespace : null, isMax ? classes.max : null]
    .filter(Boolean)
    .join(' ');
  const background = activationBackground(value, maxActivation);
  // The colour goes in a custom property: the stylesheet decides how it is drawn (light or dark).
  const attributes = [
    `class="${escapeHtml(className)}"`,
    `data-value="${escapeHtml(String(value))}"`,
    active ? `data-tip="${escapeHtml(formatValue(value, 4))}"` : '',
    `title="${escapeHtml(`${quoteToken(token)} · activation ${value}`)}"`,
    background ? `style="--activation:${escapeHtml(background)}"` : '',
  ].filter(Boolean);
  return `${first ? '' : escapeHtml(lead)}<span ${attributes.join(' ')}>${escapeHtml(text)}</span>`;
}
