import type { CorpusDocument } from '@atlas/corpus';
import { batchContexts, packSequences, tokenizeDocuments, type LanguageModel } from '@atlas/model';
import { UserError } from '../errors.ts';
import type { ProgressFactory } from '../progress.ts';

/** A fixed-length run of corpus tokens (documents joined by EOS): the unit the atlas displays and stores once. */
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
  // Hooks differ in width (attn.hook_z is heads × d_head); the graph inspection says which.
  const dIn = model.hookPoints.find((point) => point.name === hook)?.width ?? model.dModel;
  const activations = new Float32Array(rows * dIn);
  const tokenIds = new Int32Array(rows);
  const contexts: ContextRef[] = [];
  const bar = options.progress('extract activations', rows, 'tok');
  const eosTokenId = model.eosTokenId;
  if (eosTokenId === null) throw new UserError(`The model in ${model.dir} names no EOS token; documents cannot be separated.`);
  // Contexts are packed the way the demo LM was trained: documents joined by EOS, no padding.
  const packed = packSequences(tokenizeDocuments(model, options.documents), seqLen, { eosTokenId });
  try {
    for (const group of batchContexts(take(packed, contextCount), batchSize)) {
      const { activations: hooked } = await model.run({
        inputIds: group.inputIds, batch: group.batch, seqLen, hooks: [hook],
      });
      const offset = contexts.length * seqLen;
      activations.set(hooked[hook]!, offset * dIn);
      tokenIds.set(group.inputIds, offset);
      for (const context of group.contexts) {
        contexts.push({ documentId: context.documentId, startToken: context.startToken, tokenIds: Array.from(context.tokens) });
      }
      bar.update(contexts.length * seqLen);
    }
  } finally {
    bar.stop();
  }
  if (contexts.length < contextCount) {
    throw new UserError(
      `The corpus has only ${contexts.length * seqLen} tokens (in whole ${seqLen}-token contexts); asked for ${options.tokens}. ` +
        `Lower --tokens or use a larger corpus.`,
    );
  }
  return { activations, tokenIds, rows, dIn, seqLen, contexts };
}

function* take<T>(items: Iterable<T>, count: number): Generator<T> {
  if (count <= 0) return;
  let taken = 0;
  for (const item of items) {
    yield item;
    taken += 1;
    if (taken >= count) return;
  }
}
