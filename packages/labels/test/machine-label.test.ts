import { describe, expect, it } from 'vitest';
import { machineLabel, type EvidenceContext } from '../src/index.ts';

/** A context whose peak is the token marked with `*`. */
function context(marked: string[]): EvidenceContext {
  const maxPosition = marked.findIndex((token) => token.startsWith('*'));
  return { tokens: marked.map((token) => token.replace(/^\*/, '')), maxPosition, maxValue: 1 };
}

const repeat = (n: number, tokens: string[]) => Array.from({ length: n }, () => context(tokens));

describe('machineLabel', () => {
  it('names the peak token with its share of contexts and the token before it', () => {
    const contexts = [
      ...repeat(9, ['Call', ' me', ' the', '* Whale']),
      ...repeat(3, [' a', ' white', '* Whales', ' swim']),
      ...repeat(2, [' the', '* whale', '.']),
      context([' of', '* ship']),
    ];
    // "Whale" leads 11/15 (case-insensitively grouped, shown in its commonest form), "Whales" 3/15.
    expect(machineLabel({ contexts })).toBe('"Whale" (11/15) · "Whales" (3/15) · after "the"');
  });

  it('shows the whole word when the peak is a piece of one', () => {
    const contexts = [...repeat(4, [' the', ' n', '*ation', ' is']), ...repeat(2, [' st', '*ation', ' of'])];
    // Neighbours are read beside the whole word: "the" comes before " n|ation", not "n".
    expect(machineLabel({ contexts })).toBe('"ation" in "nation" (6/6) · after "the" · before "is"');
  });

  it('marks a feature whose peaks are spread over many tokens', () => {
    const tokens = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
    const contexts = tokens.map((token, i) => context([` x${i}`, `* ${token}`]));
    expect(machineLabel({ contexts })).toBe('varied · "a" (1/10) · "b" (1/10) · "c" (1/10)');
  });

  it('names whitespace tokens and the token after the peak', () => {
    const contexts = repeat(5, [' end', '*\n', ' The']);
    expect(machineLabel({ contexts })).toBe('"⏎" (5/5) · after "end" · before "The"');
  });

  it('gives no label without evidence and is deterministic', () => {
    expect(machineLabel({ contexts: [] })).toBeNull();
    const contexts = [context([' b', '*y']), context([' a', '*x'])];
    expect(machineLabel({ contexts })).toBe(machineLabel({ contexts: [...contexts].reverse() }));
  });
});
