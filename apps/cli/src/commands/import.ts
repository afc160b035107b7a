import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';

/** `atlas import --bundle DIR`: verifies the bundle's checksums, then loads it in one transaction. */
export const importCommand = defineCommand({
  name: 'import',
  description: 'Load a bundle written by `atlas export` (checksums verified first; one transaction; contexts shared with existing ones), then index it for search.',
  flags: {
    bundle: flags.path({ arg: 'dir', help: 'bundle folder (with manifest.json)', required: 'a folder written by `atlas export`' }),
  },
  async run(options) {
    const [{ importSaeBundle, openDatabase }, { indexForSearch, stageProgress, terminalProgress }] = await Promise.all([import('@atlas/db'), import('@atlas/pipeline')]);
    const db = await openDatabase();
    const bars = stageProgress(terminalProgress);
    try {
      const result = await importSaeBundle(db, options.bundle, bars.onProgress);
      bars.stop();
      if (result.skipped) console.log(`${result.saeId} is already in the atlas with the same checksum; nothing to do.`);
      else console.log(`Imported ${result.saeId} (${Object.entries(result.rows).map(([t, n]) => `${t} ${n}`).join(', ')}).`);
      const { restored, skipped } = result.comparisons;
      if (restored > 0) console.log(`Restored ${restored} comparison${restored === 1 ? '' : 's'} from the bundle.`);
      for (const run of skipped) console.log(`Skipped the ${run.method} comparison ${run.saeA} → ${run.saeB}: ${run.reason}.`);
      const human = result.humanLabels;
      if (human) {
        console.log(
          `Human labels: ${human.labels} imported (${human.versions} versions, ${human.votes} votes), ${human.alreadyPresent} already here.` +
            (human.unknownHandles.length > 0
              ? ` No account here for ${human.unknownHandles.join(', ')}: their labels are kept with no author, their ${human.votesDropped} vote(s) dropped.`
              : ''),
        );
      }
      // An imported SAE is searchable like a built one (idempotent: an unchanged index only reads).
      await indexForSearch(db, result.saeId, { progress: terminalProgress, log: console.log });
    } finally {
      bars.stop();
      await db.close();
    }
  },
});
