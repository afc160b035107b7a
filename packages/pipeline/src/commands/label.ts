import { openDatabase } from '@atlas/db';
import { createLlmLabeller, LlmLabelError } from '@atlas/labels';
import { z } from 'zod';
import { UserError } from '../errors.ts';
import { parseOptions } from '../options.ts';
import { terminalProgress } from '../progress.ts';
import { labelSaeWithLlm } from '../steps/llm-labels.ts';

const count = (flag: string) => z.coerce.number({ error: `${flag} must be a number` }).int(`${flag} must be a whole number`).positive(`${flag} must be at least 1`);

const labelOptions = z.object({
  sae: z.string({ error: '--sae ID is required (e.g. demo-lm/blocks.2.hook_resid_post/topk-4096)' }),
  llmUrl: z.string({ error: '--llm-url URL is required (an OpenAI-compatible server, e.g. http://localhost:8080/v1)' }).url('--llm-url must be a URL, e.g. http://localhost:8080/v1'),
  llmModel: z.string({ error: '--llm-model NAME is required (the model name the server knows)' }).min(1),
  llmApiKey: z.string().optional(),
  concurrency: count('--concurrency').default(4),
  timeout: count('--timeout').default(60),
  limit: count('--limit').optional(),
});

/**
 * `atlas label --sae ID --llm-url URL --llm-model NAME`: LLM labels for an SAE already in the
 * atlas (source `llm`, the model recorded), stored batch by batch; a rerun resumes.
 */
export async function runLabel(raw: Record<string, unknown>): Promise<void> {
  const options = parseOptions(labelOptions, raw);
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
  } catch (error) {
    if (error instanceof LlmLabelError) throw new UserError(error.message);
    throw error;
  } finally {
    await db.close();
  }
}
