import { DEMO_DEFAULTS, demoRecipe } from '../demo-atlas.ts';
import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { coactivationMemory, scaleOutFlags } from '../shared-flags.ts';

export const buildDemoCommand = defineCommand({
  name: 'build-demo',
  description: 'Build the demo atlas from scratch (corpus → database); resumes an interrupted build, skips a finished one.',
  flags: {
    tokens: flags.positiveInt({ help: 'corpus tokens for training and statistics', default: DEMO_DEFAULTS.tokens }),
    width: flags.positiveInt({ arg: 'm', help: 'SAE width', default: DEMO_DEFAULTS.width }),
    k: flags.positiveInt({ arg: 'k', help: 'active features per token', default: DEMO_DEFAULTS.k }),
    epochs: flags.positiveInt({ help: 'SAE training passes', default: DEMO_DEFAULTS.epochs }),
    withComparisons: flags.toggle({ help: 'also build a 1/4-width SAE, a second seed and an SAE on the second demo LM, and compare them (cross-width, cross-seed, cross-model)', default: false }),
    progressFile: flags.path({ arg: 'file', help: 'also write the stages\' progress to this JSON file (what `npm start`\'s progress page reads)', extension: '.json' }),
    ...scaleOutFlags,
    coactivationMemory,
  },
  async run(options) {
    const { buildIntoDatabase, scaleOutOf } = await import('../build-into-database.ts');
    const { fileProgress, terminalProgress } = await import('@atlas/pipeline');
    const progress = options.progressFile === undefined ? terminalProgress : fileProgress(options.progressFile, terminalProgress);
    const { tokens, width, k, epochs } = options;
    const recipe = demoRecipe({
      tokens, width, k, epochs,
      ...(options.coactivationMemory === undefined ? {} : { coactivationMemoryMiB: options.coactivationMemory }),
    });
    await buildIntoDatabase(recipe, scaleOutOf(options), progress);
    if (options.withComparisons) {
      const { comparisonRecipes, runDemoComparisons } = await import('../demo-comparisons.ts');
      for (const extra of comparisonRecipes({ tokens, width, k, epochs })) await buildIntoDatabase(extra, scaleOutOf(options), progress);
      // The last stages: cross-width, cross-seed and cross-model comparisons among the four SAEs.
      await runDemoComparisons({ tokens, width, k, epochs }, progress);
    }
  },
});
