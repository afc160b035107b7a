import type { CorpusDocument } from '@atlas/corpus';
import { batchContexts, packSequences, tokenizeDocuments, type LanguageModel } from '@atlas/model';
import { activationFileMetadata, createActivationFileWriter } from '@atlas/activations';
import type { ContextRef, ExtractedActivations } from '@atlas/activations';
import { UserError } from '../errors.ts';
import type { ProgressFactory } from '../progress.ts';

// The activation file's format and these types live in @atlas/activations.
export type { ContextRef, ExtractedActivations };

export interface ExtractOptions {
  model: LanguageModel;
  hook: string;
  documents: CorpusDocument[];
  tokens: number;
  seqLen: number;
  batchSize: number;
  progress: ProgressFactory;
  /** Where the activation file goes (written as rows arrive; appears only once complete). */
  file: string;
  /** Provenance kept in the file's metadata. */
  provenance: { model: string; hook: string; corpus: string };
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
  const eosTokenId = model.eosTokenId;
  if (eosTokenId === null) throw new UserError(`The model in ${model.dir} names no EOS token; documents cannot be separated.`);
  // Contexts are packed the way the demo LM was trained (documents joined by EOS, no padding),
  // all of them first: their token ids are small, and the file header needs their count.
  const packed = [...take(packSequences(tokenizeDocuments(model, options.documents), seqLen, { eosTokenId }), contextCount)];
  if (packed.length < contextCount) {
    throw new UserError(
      `The corpus has only ${packed.length * seqLen} tokens (in whole ${seqLen}-token contexts); asked for ${options.tokens}. ` +
        `Lower --tokens or use a larger corpus.`,
    );
  }
  const tokenIds = new Int32Array(rows);
  packed.forEach((context, index) => tokenIds.set(context.tokens, index * seqLen));
  const contexts: ContextRef[] = packed.map((context) => ({
    documentId: context.documentId, startToken: context.startToken, tokenIds: Array.from(context.tokens),
  }));
  const writer = await createActivationFileWriter(options.file, {
    rows, dIn, tokenIds,
    metadata: activationFileMetadata(options.provenance, seqLen, contexts),
  });
  const bar = options.progress('extract activations', rows, 'tok');
  let done = 0;
  try {
    for (const group of batchContexts(packed, batchSize)) {
      const { activations: hooked } = await model.run({
        inputIds: group.inputIds, batch: group.batch, seqLen, hooks: [hook],
      });
      await writer.append(hooked[hook]!);
      done += group.batch * seqLen;
      bar.update(done);
    }
    await writer.finish();
  } catch (error) {
    await writer.abort();
    throw error;
  } finally {
    bar.stop();
  }
  return { file: options.file, tokenIds, rows, dIn, seqLen, contexts };
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
