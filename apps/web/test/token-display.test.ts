import { describe, expect, it } from 'vitest';
import { displayToken, isByteOrControlToken, quoteToken, splitLeadingSpace } from '../src/lib/token-display';

describe('displayToken', () => {
  it('keeps a leading space as a real space', () => {
    expect(displayToken(' the')).toEqual({ text: ' the', whitespaceOnly: false });
  });

  it('shows newlines as ↵ and tabs as →', () => {
    expect(displayToken('\n')).toEqual({ text: '↵', whitespaceOnly: true });
    expect(displayToken('end\n\n').text).toBe('end↵↵');
    expect(displayToken('\tx').text).toBe('→x');
  });

  it('makes whitespace-only tokens visible', () => {
    expect(displayToken('  ')).toEqual({ text: '··', whitespaceOnly: true });
    expect(displayToken(' \n')).toEqual({ text: '·↵', whitespaceOnly: true });
  });

  it('marks the empty token', () => {
    expect(displayToken('')).toEqual({ text: '∅', whitespaceOnly: true });
  });

  it('quotes tokens with escapes for tooltips', () => {
    expect(quoteToken(' a\n')).toBe('" a\\n"');
  });
});

describe('splitLeadingSpace', () => {
  it('moves leading spaces out of the highlighted part', () => {
    expect(splitLeadingSpace(' the')).toEqual({ lead: ' ', rest: 'the' });
    expect(splitLeadingSpace('  x y')).toEqual({ lead: '  ', rest: 'x y' });
  });

  it('leaves tokens without a leading space and whitespace-only tokens whole', () => {
    expect(splitLeadingSpace('the')).toEqual({ lead: '', rest: 'the' });
    expect(splitLeadingSpace('  ')).toEqual({ lead: '', rest: '  ' });
    expect(splitLeadingSpace(' \n')).toEqual({ lead: '', rest: ' \n' });
  });
});

describe('isByteOrControlToken', () => {
  it('flags lone bytes and control characters', () => {
    expect(isByteOrControlToken('<0x88>')).toBe(true);
    expect(isByteOrControlToken('a<0xE2>')).toBe(true);
    expect(isByteOrControlToken('\f')).toBe(true);
    expect(isByteOrControlToken('\u0000')).toBe(true);
    expect(isByteOrControlToken('\uFFFD')).toBe(true);
  });

  it('keeps words, punctuation, newlines and non-ASCII text', () => {
    for (const token of [' the', '.', '\n', '\t', ' café', '—']) expect(isByteOrControlToken(token)).toBe(false);
  });
});
