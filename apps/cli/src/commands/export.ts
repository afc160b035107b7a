import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { saeId } from '../shared-flags.ts';

/** `atlas export --sae ID --out DIR [--with-labels]`: one SAE's atlas data as a versioned, checksummed bundle. */
export const exportCommand = defineCommand({
  name: 'export',
  description: 'Write one SAE of the atlas as a versioned bundle: manifest.json (checksums, row counts) + one gzipped JSONL file per table.',
  flags: {
    sae: saeId,
    out: flags.path({ arg: 'dir', help: 'bundle folder to create (must not exist)', required: 'the bundle folder to create' }),
    withLabels: flags.toggle({
      help: "also carry the SAE's human labels (versions, votes, review; users as handles). Off by default: they are contributors' work and show who voted for what",
      default: false,
    }),
  },
  async run(options) {
    const { exportSaeBundle, openDatabase } = await import('@atlas/db');
    const db = await openDatabase();
    try {
      const manifest = await exportSaeBundle(db, options.sae, options.out, undefined, { withLabels: options.withLabels });
      const counts = Object.entries(manifest.files).map(([table, file]) => `${table} ${file.rows}`).join(', ');
      console.log(`Exported ${options.sae} to ${options.out} (${counts}).`);
    } finally {
      await db.close();
    }
  },
});
