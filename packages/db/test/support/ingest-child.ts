// Child process for killed-ingest.test.ts: ingests a few hundred thousand activation rows into
// the PGlite folder given as argv[2], printing "loading" once the first activation chunk is in.
import { ingestSaeAtlas, openDatabase, upsertModel } from '../../src/index.ts';
import { atlasInput, MODEL } from '../fixtures.ts';

const db = await openDatabase({ dataDir: process.argv[2] });
await upsertModel(db, MODEL);
const contexts = Array.from({ length: 600 }, (_, i) => ({
  key: `c${i}`,
  documentId: `doc-${i}`,
  startToken: 0,
  tokenIds: Array.from({ length: 64 }, (_, t) => t),
  tokens: Array.from({ length: 64 }, (_, t) => ` t${t}`),
}));
const activations = contexts.flatMap((context) =>
  Array.from({ length: 6 * 64 }, (_, i) => ({
    featureIndex: Math.floor(i / 64),
    contextKey: context.key,
    position: i % 64,
    value: 1,
  })),
);
await ingestSaeAtlas(db, {
  ...atlasInput(),
  contexts,
  examples: [],
  activations,
  onProgress: (done, total, stage) => {
    if (stage === 'activations' && done < total) console.log('loading');
  },
});
console.log('done');
