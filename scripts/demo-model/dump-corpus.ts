/**
 * Writes the `demo` corpus (via @atlas/corpus) as train / held-out JSONL files for the Python
 * trainer: scripts/demo-model/work/{train,heldout}.jsonl, one {"id", "text"} document per line.
 *
 *   npx tsx scripts/demo-model/dump-corpus.ts [--fraction 0.05] [--seed 0]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadCorpus, splitHeldOut, type CorpusDocument } from '@atlas/corpus';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: 'demo' },
    fraction: { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '0' },
  },
});

const workDir = fileURLToPath(new URL('./work/', import.meta.url));
const corpus = await loadCorpus(values.corpus);
const { train, heldOut } = splitHeldOut(corpus.documents, Number(values.fraction), Number(values.seed));

const toJsonl = (docs: CorpusDocument[]) => docs.map((d) => JSON.stringify({ id: d.id, text: d.text })).join('\n') + '\n';
const chars = (docs: CorpusDocument[]) => docs.reduce((sum, d) => sum + d.text.length, 0);

await mkdir(workDir, { recursive: true });
await writeFile(`${workDir}train.jsonl`, toJsonl(train));
await writeFile(`${workDir}heldout.jsonl`, toJsonl(heldOut));
const summary = {
  corpus: corpus.name,
  fraction: Number(values.fraction),
  seed: Number(values.seed),
  train: { documents: train.length, chars: chars(train) },
  heldOut: { documents: heldOut.length, chars: chars(heldOut), ids: heldOut.map((d) => d.id) },
};
await writeFile(`${workDir}split.json`, JSON.stringify(summary, null, 2) + '\n');
console.log(
  `${corpus.name}: train ${train.length} documents (${summary.train.chars} chars), ` +
    `held-out ${heldOut.length} documents (${summary.heldOut.chars} chars) → ${workDir}`,
);
