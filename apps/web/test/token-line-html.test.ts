import { describe, expect, it } from 'vitest';
import { tokenLineHtml } from '../src/lib/token-line-html';

const classes = { token: 't', active: 'a', whitespace: 'w', max: 'm', ellipsis: 'e' };

describe('tokenLineHtml', () => {
  it('keeps tokens where the feature did not fire as plain text, and marks active ones with their value and colour', () => {
    const html = tokenLineHtml({ tokens: ['The', ' cat', ' sat'], values: [0, 2, 0], maxActivation: 4, maxPosition: 1 }, classes);
    expect(html).toBe(
      'The <span class="t token-active a m" data-value="2" data-tip="2" title="&quot; cat&quot; · activation 2" ' +
        'style="--activation:rgba(255, 140, 0, 0.490)">cat</span> sat',
    );
  });

  it('escapes markup in tokens, in plain runs and in highlighted tokens and their titles', () => {
    const html = tokenLineHtml({ tokens: ['<script>', 'alert(1)', '</script>', '"><img src=x onerror=alert(1)>'], values: [0, 0, 0, 1], maxActivation: 1 }, classes);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span>');
    expect(html).toContain('title="&quot;\\&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&quot; · activation 1"');
  });

  it('drops the first shown token\'s leading space, keeps other leading spaces outside the coloured span, and marks cuts', () => {
    const html = tokenLineHtml({ tokens: ['a', ' b', ' c', ' d', ' e'], values: [0, 1, 0, 1, 0], maxActivation: 1, start: 1, end: 4 }, classes);
    expect(html.startsWith('<span class="e">…</span><span class="t token-active a"')).toBe(true);
    expect(html).toContain('>b</span> c <span');
    expect(html.endsWith('>d</span><span class="e">…</span>')).toBe(true);
  });

  it('shows whitespace-only tokens as markers even where the feature did not fire', () => {
    const html = tokenLineHtml({ tokens: ['x', '\n', 'y'], values: [0, 0, 0], maxActivation: 1 }, classes);
    expect(html).toBe('x<span class="t w" data-value="0" title="&quot;\\n&quot; · activation 0">↵</span>y');
  });
});
