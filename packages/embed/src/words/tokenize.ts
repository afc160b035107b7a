/**
 * Words as the word vectors see them: lowercase runs of letters, an apostrophe inside a word kept
 * (`don't`), a possessive `'s` dropped (`whale's` → `whale`). Digits and punctuation are not words.
 * Training and lookup share this function, so a word is always split the same way.
 */
const WORD = /[\p{L}]+(?:['’][\p{L}]+)*/gu;

export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD)) {
    const word = match[0].replace(/’/g, "'").replace(/'s$/, '');
    if (word.length > 0) out.push(word);
  }
  return out;
}
