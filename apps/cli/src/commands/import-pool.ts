import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { requireFile } from '../require-paths.ts';

/** `atlas import-pool --file FILE [--id ID]`: a JSONL or CSV file of samples → a data pool, in one transaction. */
export const importPoolCommand = defineCommand({
  name: 'import-pool',
  description: 'Import a JSONL or CSV file of samples ("text", or "prompt" + "response"; optional "id"; other fields kept) as a data pool for `atlas select` (≤ 64 MiB, one transaction).',
  flags: {
    file: flags.path({ arg: 'file', help: '.jsonl or .csv file of samples', required: 'a .jsonl or .csv file of samples' }),
    id: flags.text({
      arg: 'id',
      help: 'pool id (default: the file name and the first 8 hex of its SHA-256)',
      pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
      rule: 'may use letters, digits, ".", "_" and "-" (1–128, starting with a letter or digit)',
    }),
    name: flags.text({ arg: 'text', help: 'display name (default: the file name)' }),
    skipMalformed: flags.toggle({ help: 'import the valid samples when some lines are malformed (they are listed)', default: false }),
  },
  async run(options) {
    requireFile(options.file, 'pool file', 'Pass --file with a .jsonl or .csv file of samples.');
    const content = await readFile(options.file);
    const [{ openDatabase }, { importPool }, { poolIdForFile }] = await Promise.all([import('@atlas/db'), import('@atlas/select'), import('../pool-file.ts')]);
    const db = await openDatabase();
    try {
      const result = await importPool(db, {
        id: options.id ?? poolIdForFile(options.file, content),
        content,
        fileName: path.basename(options.file),
        skipMalformed: options.skipMalformed,
        ...(options.name === undefined ? {} : { name: options.name }),
      });
      for (const problem of result.skipped) console.error(`skipped line ${problem.line}: ${problem.message}`);
      console.log(`Imported pool ${result.pool.id}: ${result.imported} samples (${result.pool.format})${result.skipped.length > 0 ? `, ${result.skipped.length} malformed lines skipped` : ''}.`);
    } finally {
      await db.close();
    }
  },
});
