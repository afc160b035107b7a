import { describe, expect, it } from 'vitest';
import { featureDocumentText } from '../src/index.ts';

describe('featureDocumentText', () => {
  const context = (tokens: string[], maxPosition: number) => ({ tokens, maxPosition });

  it('indexes every label with its source, the peak words by frequency and whole-word contexts', () => {
    const document = featureDocumentText({
      labels: [
        { source: 'machine', method: 'top-tokens v1', text: '"Wh" in "Whale" (2/3)' },
        { source: 'llm', method: 'auto-interp', text: 'the  great\nwhale' },
      ],
      contexts: [
        context(['ip', 'la', 'den', ' and', ' the', ' Wh', 'ale', ' rose', ' from', ' the', ' de', 'ep', ' sea'], 5),
        context([' a', ' white', ' whale'], 2),
        context([' the', ' Wh', 'ale'], 1),
        // The window would end inside "calmly": it ends before it.
        context([' the', ' sea', ' was', ' c', 'alm', 'ly'], 1),
      ],
    })!;
    expect(document.labelText).toBe('"Wh" in "Whale" (2/3)\nthe great whale');
    expect(document.labelSources).toEqual(['machine', 'llm']);
    expect(document.peakText).toBe('Whale whale Whale sea');
    // The cut word pieces at the edges ("ip la den", "c alm") are left out.
    expect(document.contextText).toBe('and the Whale rose from … a white whale … the Whale … the sea was');
    expect(document.parts).toEqual([
      { kind: 'label', source: 'machine', method: 'top-tokens v1', text: '"Wh" in "Whale" (2/3)' },
      { kind: 'label', source: 'llm', method: 'auto-interp', text: 'the great whale' },
      { kind: 'peaks', text: 'Whale ×3 · sea ×1' },
      { kind: 'contexts', text: document.contextText },
    ]);
    expect(document.embedText).toBe([document.labelText, document.peakText, document.contextText].join('\n'));
  });

  it('makes no document for a feature with neither labels nor evidence', () => {
    expect(featureDocumentText({ labels: [], contexts: [] })).toBeNull();
    expect(featureDocumentText({ labels: [{ source: 'human', method: null, text: 'money' }], contexts: [] })).toMatchObject({
      labelText: 'money', peakText: '', contextText: '', parts: [{ kind: 'label', source: 'human', method: null, text: 'money' }],
    });
  });
});
