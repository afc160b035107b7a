import { describe, expect, it } from 'vitest';
import { displayToken, quoteToken } from '../src/lib/token-display';

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
