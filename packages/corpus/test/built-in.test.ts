import { describe, expect, it } from 'vitest';
import { listCorpora, loadCorpus } from '../src/index.ts';

describe('built-in corpora', () => {
  it('lists sotu, moby-dick, wordnet, demo and demo-heldout', () => {
    expect(listCorpora().map((c) => c.name)).toEqual(['sotu', 'moby-dick', 'wordnet', 'demo', 'demo-heldout']);
  });

  it('demo-heldout is the 5% of demo the demo LM never trained on', async () => {
    const [demo, heldOut] = await Promise.all([loadCorpus('demo'), loadCorpus('demo-heldout')]);
    const demoIds = new Set(demo.documents.map((d) => d.id));
    expect(heldOut.documents.length).toBeGreaterThan(20);
    expect(heldOut.documents.length).toBeLessThan(demo.documents.length * 0.1);
    expect(heldOut.documents.every((d) => demoIds.has(d.id))).toBe(true);
    expect(new Set(heldOut.documents.map((d) => d.id.split('/')[0])).size).toBe(3);
  });

  it.each([
    ['sotu', 200, 'Fellow-Citizens'],
    ['moby-dick', 130, 'Call me Ishmael'],
    ['wordnet', 500, 'entity: that which is perceived'],
  ])('%s loads non-empty documents with unique ids', async (name, minDocuments, snippet) => {
    const corpus = await loadCorpus(name);
    expect(corpus.name).toBe(name);
    expect(corpus.documents.length).toBeGreaterThan(minDocuments);
    for (const doc of corpus.documents) expect(doc.text.trim().length).toBeGreaterThan(0);
    expect(new Set(corpus.documents.map((d) => d.id)).size).toBe(corpus.documents.length);
    expect(corpus.documents.some((d) => d.text.includes(snippet))).toBe(true);
  });

  it('wordnet groups glosses with their example sentences', async () => {
    const { documents } = await loadCorpus('wordnet');
    expect(documents[0]!.text.split('\n')).toHaveLength(200);
    expect(documents.some((d) => d.text.includes('breathe, take a breath, respire, suspire: draw air into'))).toBe(true);
    expect(documents.some((d) => d.text.includes('"I can breathe better when the air is clean"'))).toBe(true);
  });

  it('demo is the three corpora together', async () => {
    const [demo, sotu, moby, wordnet] = await Promise.all(
      ['demo', 'sotu', 'moby-dick', 'wordnet'].map((name) => loadCorpus(name)),
    );
    expect(demo!.documents.length).toBe(sotu!.documents.length + moby!.documents.length + wordnet!.documents.length);
  });
});
