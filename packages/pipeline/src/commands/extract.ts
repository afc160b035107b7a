import { loadCorpus } from '@atlas/corpus';
import { loadLanguageModel } from '@atlas/model';
import { requireDirectory } from '../files.ts';
import { extractOptions, parseOptions } from '../options.ts';
import { terminalProgress } from '../progress.ts';
import { extractActivations } from '../steps/extract-activations.ts';

export async function runExtract(raw: Record<string, unknown>): Promise<void> {
  const options = parseOptions(extractOptions, raw);
  requireDirectory(options.model, 'Model folder', 'Pass --model with a Hugging Face ONNX folder (config.json, tokenizer.json, onnx/model.onnx).');
  const model = await loadLanguageModel(options.model, { device: options.device });
  const corpus = await loadCorpus(options.corpus);
  const extracted = await extractActivations({
    model, hook: options.hook, documents: corpus.documents, tokens: options.tokens,
    seqLen: options.seqLen, batchSize: options.batchSize, progress: terminalProgress,
    file: options.out, provenance: { model: options.model, hook: options.hook, corpus: corpus.name },
  });
  console.log(`Wrote ${extracted.rows} × ${extracted.dIn} activations (${extracted.contexts.length} contexts) to ${options.out}`);
}
