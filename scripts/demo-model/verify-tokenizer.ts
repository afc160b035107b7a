/**
 * Checks that @huggingface/transformers, loading packages/demo-model offline, encodes held-out
 * paragraphs to exactly the ids of the Python tokenizer (bpe.py) and decodes them back.
 *
 *   npx tsx scripts/demo-model/verify-tokenizer.ts
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';

const here = fileURLToPath(new URL('.', import.meta.url));
const modelDir = fileURLToPath(new URL('../../packages/demo-model/', import.meta.url));

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = fileURLToPath(new URL('../../packages/', import.meta.url));

const heldOut = readFileSync(`${here}work/heldout.jsonl`, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => JSON.parse(line) as { id: string; text: string });

const texts: string[] = [];
for (const doc of heldOut) {
  const paragraphs = doc.text.split(/\n+/).filter((p) => p.trim());
  texts.push(...paragraphs.slice(0, 3));
  texts.push(doc.text.slice(0, 2000));
}
texts.push(
  "It's  three\tspaces   and\n\nnewlines\n  — naïve café, 1,234.5 ‘quotes’ 日本語 🐋 don't we'll I'm",
  '   leading and trailing   ',
  'one<|endoftext|>two <|endoftext|> three',
  '',
);

const pythonIds = JSON.parse(
  execFileSync('/usr/bin/python3', [`${here}encode.py`], { input: JSON.stringify(texts), maxBuffer: 1 << 28 }).toString(),
) as number[][];

const tokenizer = await AutoTokenizer.from_pretrained('demo-model', { local_files_only: true });
let mismatches = 0;
let roundTripFailures = 0;
let tokens = 0;
texts.forEach((text, i) => {
  const ids = tokenizer.encode(text);
  const expected = pythonIds[i]!;
  tokens += ids.length;
  if (ids.length !== expected.length || ids.some((id, j) => id !== expected[j])) {
    mismatches++;
    if (mismatches <= 3) {
      const j = ids.findIndex((id, k) => id !== expected[k]);
      console.error(`mismatch on text ${i} at token ${j}: js ${ids.slice(j, j + 8)} py ${expected.slice(j, j + 8)}`);
    }
  }
  const decoded = ids.length ? tokenizer.decode(ids) : '';
  if (decoded !== text) {
    roundTripFailures++;
    if (roundTripFailures <= 3) console.error(`round trip failed on text ${i}: ${JSON.stringify(decoded.slice(0, 120))}`);
  }
});
const eos = tokenizer.encode('a<|endoftext|>b');
console.log(`'a<|endoftext|>b' → ${JSON.stringify(eos)}`);
console.log(
  `${texts.length} texts, ${tokens} tokens (model dir ${modelDir}): ${mismatches} id mismatches, ${roundTripFailures} round-trip failures`,
);
process.exit(mismatches || roundTripFailures ? 1 : 0);
