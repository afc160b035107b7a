import { defineCommand } from '../define-command.ts';
import { flags } from '../flags/index.ts';
import { saeId } from '../shared-flags.ts';

/**
 * `atlas score-labels --sae ID [--scorer embedding|detection|fuzzing]`: scores every label of an
 * SAE (every source) on held-out contexts and stores the score with the scorer's version; a
 * rerun skips labels this scorer version already scored (resumable).
 */
export const scoreLabelsCommand = defineCommand({
  name: 'score-labels',
  description: 'Score the labels of an SAE in the atlas: embedding ROC-AUC (offline), or LLM detection / fuzzing at an OpenAI-compatible endpoint; resumes, skipping labels already scored by this scorer version.',
  flags: {
    sae: saeId,
    scorer: flags.choice(['embedding', 'detection', 'fuzzing'], {
      help: 'embedding (label–context similarity, ROC-AUC; the configured embedder, ATLAS_EMBEDDER_DIR), detection or fuzzing (an LLM, balanced accuracy)',
      default: 'embedding',
    }),
    llmUrl: flags.url({
      help: 'for detection/fuzzing: OpenAI-compatible server, base URL (http://localhost:8080/v1) or the /v1/chat/completions endpoint',
      protocols: ['http:', 'https:'],
      example: 'http://localhost:8080/v1',
    }),
    llmModel: flags.text({ arg: 'name', help: 'for detection/fuzzing: model name to ask for' }),
    llmApiKey: flags.text({ arg: 'key', help: 'API key sent as a Bearer token (if the server needs one)' }).env('ATLAS_LLM_API_KEY'),
    concurrency: flags.positiveInt({ help: 'LLM requests in flight at once', default: 4 }),
    timeout: flags.positiveInt({ arg: 'seconds', help: 'per LLM request', default: 60 }),
  },
  async run(options) {
    const [{ openDatabase }, { createChatClient }, { LabelScoreError }, { scoreLabels, terminalProgress }] = await Promise.all([
      import('@atlas/db'), import('@atlas/labels'), import('@atlas/label-scores'), import('@atlas/pipeline'),
    ]);
    const usesLlm = options.scorer !== 'embedding';
    if (usesLlm && (!options.llmUrl || !options.llmModel)) {
      throw new LabelScoreError(`--scorer ${options.scorer} asks an LLM: give --llm-url (e.g. http://localhost:8080/v1) and --llm-model.`);
    }
    const chat = usesLlm
      ? createChatClient({
          url: options.llmUrl!, model: options.llmModel!, ...(options.llmApiKey ? { apiKey: options.llmApiKey } : {}),
          concurrency: options.concurrency, timeoutMs: options.timeout * 1000,
        })
      : undefined;
    const db = await openDatabase();
    try {
      const result = await scoreLabels(db, options.sae, {
        scorer: options.scorer, progress: terminalProgress, log: (line) => console.log(line), ...(chat ? { chat } : {}),
      });
      if (result.pending === 0) console.log(`Every label of ${options.sae} already has a ${options.scorer} score (${result.scorerVersion}).`);
    } finally {
      await db.close();
    }
  },
});
