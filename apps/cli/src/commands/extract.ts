import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { requireModelFolder } from '../require-paths.ts';
import { device, modelFolder } from '../shared-flags.ts';

export const extractCommand = defineCommand({
  name: 'extract',
  description: 'Run a model over a corpus and save activations at one hook (safetensors: activations [N, d_in], token_ids [N]).',
  flags: {
    model: modelFolder,
    hook: flags.text({ arg: 'name', help: 'hook point, e.g. blocks.2.hook_resid_post', required: 'e.g. blocks.2.hook_resid_post' }),
    corpus: flags.text({
      arg: 'name|file',
      help: 'built-in corpus (sotu, moby-dick, wordnet, demo) or a .txt/.jsonl file',
      required: 'built-in: sotu, moby-dick, wordnet, demo; or a .txt/.jsonl file',
    }),
    tokens: flags.positiveInt({ help: 'number of tokens to extract', required: true }),
    out: flags.path({ arg: 'file', help: 'output .safetensors file', extension: '.safetensors', required: 'a .safetensors path' }),
    seqLen: flags.positiveInt({ help: 'tokens per context', default: 64 }),
    batchSize: flags.positiveInt({ help: 'contexts per forward pass', default: 16 }),
    device,
  },
  async run(options) {
    requireModelFolder(options.model);
    const [{ loadCorpus }, { loadLanguageModel }, { extractActivations, terminalProgress }] = await Promise.all([
      import('@atlas/corpus'), import('@atlas/model'), import('@atlas/pipeline'),
    ]);
    // The corpus first: a mistyped name fails before the model loads.
    const corpus = await loadCorpus(options.corpus);
    const model = await loadLanguageModel(options.model, { device: options.device });
    const extracted = await extractActivations({
      model, hook: options.hook, documents: corpus.documents, tokens: options.tokens,
      seqLen: options.seqLen, batchSize: options.batchSize, progress: terminalProgress,
      file: options.out, provenance: { model: options.model, hook: options.hook, corpus: corpus.name },
    });
    console.log(`Wrote ${extracted.rows} × ${extracted.dIn} activations (${extracted.contexts.length} contexts) to ${options.out}`);
  },
});
