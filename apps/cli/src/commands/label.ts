import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { saeId } from '../shared-flags.ts';

/**
 * `atlas label --sae ID --llm-url URL --llm-model NAME`: LLM labels for an SAE already in the
 * atlas (source `llm`, the model recorded), stored batch by batch; a rerun resumes.
 */
export const labelCommand = defineCommand({
  name: 'label',
  description: 'Label the features of an SAE in the atlas with an LLM at an OpenAI-compatible endpoint (a local server works); resumes, skipping features this model labelled.',
  flags: {
    sae: saeId,
    llmUrl: flags.url({
      help: 'OpenAI-compatible server: base URL (http://localhost:8080/v1) or the /v1/chat/completions endpoint',
      protocols: ['http:', 'https:'],
      example: 'http://localhost:8080/v1',
      required: 'an OpenAI-compatible server, e.g. http://localhost:8080/v1',
    }),
    llmModel: flags.text({ arg: 'name', help: 'model name to ask for', required: 'the model name the server knows' }),
    llmApiKey: flags.text({ arg: 'key', help: 'API key sent as a Bearer token (if the server needs one)' }).env('ATLAS_LLM_API_KEY'),
    concurrency: flags.positiveInt({ help: 'requests in flight at once', default: 4 }),
    timeout: flags.positiveInt({ arg: 'seconds', help: 'per request', default: 60 }),
    limit: flags.positiveInt({ help: 'label only the first n features (by index)' }),
  },
  async run(options) {
    const [{ openDatabase }, { createLlmLabeller }, { labelSaeWithLlm, terminalProgress }] = await Promise.all([
      import('@atlas/db'), import('@atlas/labels'), import('@atlas/pipeline'),
    ]);
    const labeller = createLlmLabeller({
      url: options.llmUrl,
      model: options.llmModel,
      ...(options.llmApiKey ? { apiKey: options.llmApiKey } : {}),
      concurrency: options.concurrency,
      timeoutMs: options.timeout * 1000,
    });
    const db = await openDatabase();
    try {
      const result = await labelSaeWithLlm(db, {
        saeId: options.sae, labeller, progress: terminalProgress, log: (line) => console.log(line),
        ...(options.limit ? { limit: options.limit } : {}),
      });
      console.log(`Labelled ${result.labelled} feature(s) of ${options.sae} with ${labeller.model}; ${result.skipped} skipped (dead or done before), ${result.failed} failed.`);
    } finally {
      await db.close();
    }
  },
});
