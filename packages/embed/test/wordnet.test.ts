import { describe, expect, it } from 'vitest';
import { expandWord, loadWordNet } from '../src/index.ts';

describe('loadWordNet', () => {
  const wordnet = loadWordNet();

  it('finds lemmas of inflected words by the detachment rules', () => {
    expect(wordnet.lemmasOf('whales')).toContainEqual({ lemma: 'whale', pos: 'noun' });
    expect(wordnet.lemmasOf('harpooned')).toContainEqual({ lemma: 'harpoon', pos: 'verb' });
    expect(wordnet.lemmasOf('qwzx')).toEqual([]);
    expect(wordnet.lemmaCount).toBeGreaterThan(150_000);
  });

  it('reads senses in frequency order with their relations', () => {
    const [dog] = wordnet.senses('dog', 1);
    expect(dog!.lemmas).toEqual(['dog', 'domestic dog', 'canis familiaris']);
    const hypernyms = dog!.hypernyms.flatMap((key) => wordnet.synset(key)!.lemmas);
    expect(hypernyms).toContain('canine');
    expect(dog!.gloss).toMatch(/^a member of the genus Canis/);
  });

  it('expands a word with synonyms, hypernyms and common hyponyms, never the word itself', () => {
    const frequency = (word: string) => ({ whale: 100, dolphin: 10, porpoise: 5 })[word] ?? 0;
    const cetacean = expandWord(wordnet, 'cetaceans', { frequency });
    expect(cetacean.synonyms).toContain('cetacean mammal');
    expect(cetacean.hypernyms).toContain('aquatic mammal');
    expect(cetacean.hyponyms[0]).toBe('whale');
    expect([...cetacean.synonyms, ...cetacean.hypernyms, ...cetacean.hyponyms]).not.toContain('cetacean');
    const capped = expandWord(wordnet, 'happy', { maxTerms: 3 });
    expect(capped.synonyms.length + capped.hypernyms.length + capped.hyponyms.length).toBe(3);
    expect(expandWord(wordnet, 'qwzx')).toEqual({ word: 'qwzx', synonyms: [], hypernyms: [], hyponyms: [] });
  });
});
