import { existsSync } from 'node:fs';
import path from 'node:path';
import { demoModelDir } from '@atlas/demo-model';
import type { AtlasRecipe } from '@atlas/pipeline';
import { CliError } from '../cli-error.ts';
import { DEMO_MODEL } from '../demo-atlas.ts';
import { defineCommand } from '../define-command.ts';
import { flags, type FlagValues } from '../flags/index.ts';
import { requireDirectory, requireModelFolder } from '../require-paths.ts';
import { coactivationMemory, modelFolder, saeFolder, scaleOutFlags } from '../shared-flags.ts';

const buildFlags = {
  model: modelFolder,
  sae: saeFolder,
  hook: flags.text({
    arg: 'name',
    help: 'hook the SAE reads, e.g. blocks.2.hook_resid_post (its width must equal the SAE d_in)',
    required: 'the hook the SAE reads, e.g. blocks.2.hook_resid_post',
  }),
  corpus: flags.text({
    arg: 'name|file',
    help: 'built-in corpus (sotu, moby-dick, wordnet, demo, demo-heldout) or a .txt/.jsonl file',
    required: 'built-in: sotu, moby-dick, wordnet, demo, demo-heldout; or a .txt/.jsonl file',
  }),
  tokens: flags.positiveInt({ help: 'corpus tokens to compute feature statistics on', required: true }),
  id: flags.text({ arg: 'id', help: 'SAE id in the atlas (default <model-id>/<hook>/<architecture>-<width>)' }),
  modelId: flags.text({
    arg: 'id',
    help: 'model id in the atlas (default: the model folder name; demo-lm for the demo model)',
    pattern: /^[A-Za-z0-9._-]+$/,
    rule: 'may use letters, digits, ".", "_" and "-" only',
  }),
  seqLen: flags.positiveInt({ help: 'tokens per context', default: 64 }),
  topK: flags.positiveInt({ help: 'top contexts kept per feature', default: 20 }),
  seed: flags.int({ help: 'seed for corpus shuffling', default: 0 }),
  ...scaleOutFlags,
  coactivationMemory,
};

type BuildOptions = FlagValues<typeof buildFlags>;

/** `atlas build --model DIR --sae DIR --hook NAME --corpus NAME|FILE --tokens N`: an existing SAE → an atlas entry. */
export const buildCommand = defineCommand({
  name: 'build',
  description: 'Turn an existing SAE folder (SAELens or sparsify) plus a corpus into an atlas entry; resumes and skips like build-demo.',
  flags: buildFlags,
  async run(options) {
    const { buildIntoDatabase, scaleOutOf } = await import('../build-into-database.ts');
    await buildIntoDatabase(await buildRecipe(options), scaleOutOf(options));
  },
});

/** Checks everything that can be checked before minutes of work: folders, corpus. */
async function buildRecipe(options: BuildOptions): Promise<AtlasRecipe> {
  requireModelFolder(options.model);
  requireDirectory(options.sae, 'SAE folder', 'Pass --sae with a SAELens folder (cfg.json + sae_weights.safetensors) or a sparsify folder.');
  const { listCorpora } = await import('@atlas/corpus');
  const builtIn = listCorpora().map((corpus) => corpus.name);
  if (!builtIn.includes(options.corpus) && !existsSync(options.corpus)) {
    throw new CliError(
      `Corpus not found: "${options.corpus}" is neither a built-in corpus (${builtIn.join(', ')}) nor a file ` +
        `(tried ${path.resolve(options.corpus)}). Pass --corpus with one of those names or a .txt/.jsonl file.`,
    );
  }
  const model = modelFor(options);
  return {
    modelDir: options.model,
    modelId: model.id,
    modelDisplayName: model.displayName,
    hook: options.hook,
    corpus: options.corpus,
    tokens: options.tokens,
    seqLen: options.seqLen,
    seed: options.seed,
    topK: options.topK,
    saeDir: options.sae,
    ...(options.id === undefined ? {} : { saeId: options.id }),
    ...(options.coactivationMemory === undefined ? {} : { coactivationMemoryMiB: options.coactivationMemory }),
  };
}

/** The demo LM keeps its id and name everywhere, so its SAEs share stored contexts with the demo atlas. */
function modelFor(options: BuildOptions): { id: string; displayName: string } {
  const isDemo = path.resolve(options.model) === path.resolve(demoModelDir);
  if (isDemo && (options.modelId === undefined || options.modelId === DEMO_MODEL.id)) return DEMO_MODEL;
  const id = options.modelId ?? path.basename(path.resolve(options.model)).replace(/[^A-Za-z0-9._-]/g, '-');
  return { id, displayName: id };
}
