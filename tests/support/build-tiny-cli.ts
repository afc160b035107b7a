// Child process for the interruption test: builds the tiny atlas into an on-disk PGlite and
// announces each stage on stdout so the parent can kill it at a chosen moment. With
// PAUSE_IN_TRANSACTION set it freezes once activation rows are written (inside the ingest
// transaction, before commit), so the parent's SIGKILL lands mid-transaction for certain.
import { openDatabase } from '@atlas/db';
import { buildAtlas } from '@atlas/pipeline';
import { tinyRecipe } from './tiny-atlas.ts';

const [dataDir, workDir, corpusFile] = process.argv.slice(2) as [string, string, string];
const db = await openDatabase({ dataDir });
const result = await buildAtlas(tinyRecipe(corpusFile), {
  db,
  workDir,
  progress: (stage) => {
    console.log(`STAGE ${stage}`);
    return {
      update() {
        if (process.env.PAUSE_IN_TRANSACTION && stage === 'write activations') {
          console.log('PAUSED in transaction');
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 30_000);
        }
      },
      stop() {},
    };
  },
  log: (line) => console.log(line),
});
await db.close();
console.log(`RESULT ${JSON.stringify(result)}`);
