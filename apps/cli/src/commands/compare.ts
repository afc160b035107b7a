import { COMPARISON_METHODS, DEFAULT_COMPARISON_TOKENS, MAX_COMPARISON_TOKENS } from '@atlas/pipeline';
import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { printComparison } from '../comparison-report.ts';

/**
 * `atlas compare --a ID --b ID --method M`: matches two stored SAEs' features (issue 12), stores the
 * summary and match edges in the atlas and prints the summary. It is the API's `compare` job, run by
 * a worker in this process: recorded in `jobs` with progress, cancelled by Ctrl-C or GraphQL
 * `cancelJob`, refused (CONFLICT) while the same pair and method runs elsewhere; an identical
 * finished comparison is reused.
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
    queueUrl: flags.url({
      help: 'with Postgres: the atlas database holding the job queue (default DATABASE_URL; the embedded database needs none)',
      protocols: ['postgres:', 'postgresql:'],
      example: 'postgres://atlas:atlas@localhost:5432/atlas',
    }).env('DATABASE_URL'),
  },
  async run(options) {
    const [{ openDatabase }, { runComparisonJob, terminalProgress }] = await Promise.all([import('@atlas/db'), import('@atlas/pipeline')]);
    const db = await openDatabase();
    let bar: { stage: string; stop: () => void; update: (done: number) => void } | undefined;
    // Ctrl-C cancels the job (its record says so) instead of leaving it holding the pair.
    const interrupt = new AbortController();
    const onSigint = () => interrupt.abort();
    process.once('SIGINT', onSigint);
    try {
      const { run, reused } = await runComparisonJob(
        db,
        { saeA: options.a, saeB: options.b, method: options.method, tokens: options.tokens, seed: options.seed, ...(options.corpus === undefined ? {} : { corpus: options.corpus }) },
        {
          queueUrl: options.queueUrl,
          signal: interrupt.signal,
          onPoll: (job) => {
            if (options.json || !job.progress) return;
            const stage = job.progress.unit ?? 'compare';
            if (bar?.stage !== stage) {
              bar?.stop();
              bar = { stage, ...terminalProgress(stage, job.progress.total ?? job.progress.done, 'steps') };
            }
            bar.update(job.progress.done);
          },
          log: (line) => console.error(line),
        },
      );
      bar?.stop();
      printComparison(run, reused, options.json);
    } finally {
      process.off('SIGINT', onSigint);
      bar?.stop();
      await db.close();
    }
  },
});
