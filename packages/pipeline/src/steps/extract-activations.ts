import type { CorpusDocument } from '@atlas/corpus';
import type { LanguageModel } from '@atlas/model';
import { UserError } from '../errors.ts';
import type { ProgressFactory } from '../progress.ts';

/** A fixed-length window of one document's tokens: the unit the atlas displays and stores once. */
export interface ContextRef {
  documentId: string;
  startToken: number;
  tokenIds: number[];
}

export interface ExtractedActivations {
  /** Row-major [rows, dIn]; row r is position r % seqLen of context floor(r / seqLen). */
  activations: Float32Array;
  tokenIds: Int32Array;
  rows: number;
  dIn: number;
  seqLen: number;
  contexts: ContextRef[];
}

export interface ExtractOptions {
  model: LanguageModel;
  hook: string;
  documents: CorpusDocument[];
  tokens: number;
  seqLen: number;
  batchSize: number;
  progress: ProgressFactory;
}

/** Cuts each document into whole seqLen windows (never across documents, so every context reads as one text). */
function* windows(model: LanguageModel, documents: CorpusDocument[], seqLen: number): Generator<ContextRef> {
  for (const document of documents) {
    const ids = model.encode(document.text);
    for (let start = 0; start + seqLen <= ids.length; start += seqLen) {
      yield { documentId: document.id, startToken: start, tokenIds: ids.slice(start, start + seqLen) };
    }
  }
}

export async function extractActivations(options: ExtractOptions): Promise<ExtractedActivations> {
  const { model, hook, seqLen, batchSize } = options;
  if (!model.hookNames.includes(hook)) {
    throw new UserError(`Unknown hook "${hook}". This model has: ${model.hookNames.join(', ')}.`);
  }
  if (seqLen > model.contextLength) {
    throw new UserError(`--seq-len ${seqLen} exceeds the model's context length ${model.contextLength}.`);
  }
  const contextCount = Math.floor(options.tokens / seqLen);
  if (contextCount < 1) throw new UserError(`--tokens ${options.tokens} is less than one context of ${seqLen} tokens.`);
  const rows = contextCount * seqLen;
  const dIn = model.dModel;
  const activations = new Float32Array(rows * dIn);
  const tokenIds = new Int32Array(rows);
  const contexts: ContextRef[] = [];
  const bar = options.progress('extract activations', rows, 'tok');
  const source = windows(model, options.documents, seqLen);
  try {
    while (contexts.length < contextCount) {
      const batch: ContextRef[] = [];
      while (batch.length < batchSize && contexts.length + batch.length < contextCount) {
        const next = source.next();
        if (next.done) break;
        batch.push(next.value);
      }
      if (batch.length === 0) break;
      const inputIds = Int32Array.from(batch.flatMap((context) => context.tokenIds));
      const { activations: hooked } = await model.run({ inputIds, batch: batch.length, seqLen, hooks: [hook] });
      const offset = contexts.length * seqLen;
      activations.set(hooked[hook]!, offset * dIn);
      tokenIds.set(inputIds, offset);
      contexts.push(...batch);
      bar.update(contexts.length * seqLen);
    }
  } finally {
    bar.stop();
  }
  if (contexts.length < contextCount) {
    throw new UserError(
      `The corpus has only ${contexts.length * seqLen} tokens in whole ${seqLen}-token contexts; asked for ${options.tokens}. ` +
        `Lower --tokens or use a larger corpus.`,
    );
  }
  return { activations, tokenIds, rows, dIn, seqLen, contexts };
}
