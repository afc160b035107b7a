import { randomUUID } from 'node:crypto';
import { COMPARISON_METHODS, DEFAULT_COMPARISON_TOKENS, MAX_COMPARISON_TOKENS } from '@atlas/pipeline';
import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { printComparison } from '../comparison-report.ts';

/**
 * `atlas compare --a ID --b ID --method M`: matches two stored SAEs' features (issue 12), stores the
 * summary and match edges in the atlas (as the API's `compare` job does) and prints the summary.
 * It runs here, not through the job queue; an identical finished comparison is reused.
 */
export const compareCommand = defineCommand({
  name: 'compare',
  description: 'Match two SAEs of the atlas (decoder cosine, AIP, activation correlation over a shared corpus, or feature families across widths); store and print the summary with its nulls.',
  flags: {
    a: flags.text({ arg: 'id', help: 'SAE A (an id from the atlas)', required: 'an SAE id, e.g. demo-lm/blocks.2.hook_resid_post/topk-4096' }),
    b: flags.text({ arg: 'id', help: 'SAE B', required: 'an SAE id, e.g. demo-lm/blocks.2.hook_resid_post/topk-1024' }),
    method: flags.choice(COMPARISON_METHODS, { help: 'decoder-cosine (same model and hook), aip (same, whitened), activation-correlation (any two models with one tokenizer), families (same hook; A narrower than B: each A feature\'s children in B)', default: 'decoder-cosine' }),
    corpus: flags.text({ arg: 'name', help: "corpus the encoding methods run (default: A's statistics corpus)" }),
    tokens: flags.int({ help: 'tokens the encoding methods run', default: DEFAULT_COMPARISON_TOKENS, min: 64, max: MAX_COMPARISON_TOKENS }),
    seed: flags.int({ help: 'seed of the nulls and the corpus order', default: 0, min: 0 }),
    json: flags.toggle({ help: 'print the summary as JSON', default: false }),
  },
  async run(options) {
    const [{ openDatabase }, { runComparison, terminalProgress }] = await Promise.all([import('@atlas/db'), import('@atlas/pipeline')]);
    const db = await openDatabase();
    let bar: { stage: string; stop: () => void; update: (done: number) => void } | undefined;
    try {
      const { run, reused } = await runComparison(
        db,
        { saeA: options.a, saeB: options.b, method: options.method, tokens: options.tokens, seed: options.seed, ...(options.corpus === undefined ? {} : { corpus: options.corpus }) },
        {
          runKey: `cli-${randomUUID()}`,
          onProgress: ({ stage, done, total }) => {
            if (options.json) return;
            if (bar?.stage !== stage) {
              bar?.stop();
              bar = { stage, ...terminalProgress(stage, total, 'steps') };
            }
            bar.update(done);
          },
          log: (line) => console.error(line),
        },
      );
      bar?.stop();
      printComparison(run, reused, options.json);
    } finally {
      bar?.stop();
      await db.close();
    }
  },
});
