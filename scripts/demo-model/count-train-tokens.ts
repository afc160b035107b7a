/**
 * Writes `token_counts.json` into the demo LM folders: how often each vocabulary entry occurs in
 * the text the demo LMs were trained on (the `demo` corpus minus its 5% held out, seed 0, as
 * tokenize-corpus.py splits it). The atlas build reads it to leave tokens the model never saw in
 * training out of logit effects. Run: `npx tsx scripts/demo-model/count-train-tokens.ts`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus, splitHeldOut } from '@atlas/corpus';
import { demoModelBDir, demoModelDir } from '@atlas/demo-model';
import { loadLanguageModel } from '@atlas/model';

const corpus = await loadCorpus('demo');
const { train } = splitHeldOut(corpus.documents, 0.05, 0);
const model = await loadLanguageModel(demoModelDir);
const counts = new Array<number>(model.vocabSize).fill(0);
let tokens = 0;
for (const document of train) {
  for (const id of model.encode(document.text)) {
    counts[id] = (counts[id] ?? 0) + 1;
    tokens += 1;
  }
}
// tokenize-corpus.py ends every training document with <|endoftext|> (the last id).
const eos = model.vocabSize - 1;
counts[eos] = (counts[eos] ?? 0) + train.length;
tokens += train.length;
const file = { description: 'occurrences of each token id in the demo LMs\' training text (demo corpus, 95% split, seed 0)', documents: train.length, tokens, counts };
for (const dir of [demoModelDir, demoModelBDir]) writeFileSync(path.join(dir, 'token_counts.json'), `${JSON.stringify(file)}\n`);
console.log(`${train.length} documents, ${tokens} tokens; ${counts.filter((count) => count === 0).length} of ${counts.length} ids never occur`);
