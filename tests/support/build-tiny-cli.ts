// Child process for the interruption test: builds the tiny atlas into an on-disk PGlite and
// announces each stage on stdout so the parent can kill it at a chosen moment.
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
    return { update() {}, stop() {} };
  },
  log: (line) => console.log(line),
});
await db.close();
console.log(`RESULT ${JSON.stringify(result)}`);
