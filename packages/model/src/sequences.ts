import { ModelError } from './errors.ts';
import type { Tokenizer } from './tokenizer.ts';

export interface TokenizedDocument {
  id: string;
  tokens: ArrayLike<number>;
}

/** Context tokens [offset, offset + length) are tokens [startToken, startToken + length) of a document. */
export interface ContextSegment {
  documentId: string;
  startToken: number;
  offset: number;
  length: number;
}

export interface PackedContext {
  /** 0, 1, 2, … in the order produced. */
  index: number;
  /** Exactly `seqLen` ids. */
  tokens: Int32Array;
  /** The document of the context's first token (for an EOS first token: the document it ends). */
  documentId: string;
  /** Position of the context's first token in that document (its length, for the EOS after it). */
  startToken: number;
  /** Every document piece in the context; EOS separators belong to no segment. */
  segments: ContextSegment[];
}

/** Tokenizes documents lazily, one at a time. */
export function* tokenizeDocuments(
  tokenizer: Pick<Tokenizer, 'encode'>,
  documents: Iterable<{ id: string; text: string }>,
): Generator<TokenizedDocument> {
  for (const document of documents) yield { id: document.id, tokens: tokenizer.encode(document.text) };
}

/**
 * Cuts a stream of documents into contexts of exactly `seqLen` tokens, the way the demo LM was
 * trained: each document followed by the EOS token, one continuous stream, no padding. A
 * trailing part shorter than `seqLen` is dropped. Reads one document ahead at most.
 */
export function* packSequences(
  documents: Iterable<TokenizedDocument>,
  seqLen: number,
  options: { eosTokenId: number },
): Generator<PackedContext> {
  if (!Number.isInteger(seqLen) || seqLen < 1) throw new ModelError(`The context length (seqLen) must be a whole number of at least 1, got ${seqLen}.`);
  let index = 0;
  let tokens = new Int32Array(seqLen);
  let filled = 0;
  let first: { documentId: string; startToken: number } | null = null;
  let segments: ContextSegment[] = [];
  for (const document of documents) {
    // The document's tokens followed by EOS; position `length` is the EOS.
    const length = document.tokens.length;
    let position = 0;
    while (position <= length) {
      first ??= { documentId: document.id, startToken: position };
      const take = Math.min(seqLen - filled, length - position);
      if (take > 0) {
        for (let i = 0; i < take; i++) tokens[filled + i] = document.tokens[position + i]!;
        segments.push({ documentId: document.id, startToken: position, offset: filled, length: take });
        filled += take;
        position += take;
      }
      if (filled < seqLen && position === length) {
        tokens[filled++] = options.eosTokenId;
        position++;
      }
      if (filled === seqLen) {
        yield { index: index++, tokens, ...first, segments };
        tokens = new Int32Array(seqLen);
        filled = 0;
        first = null;
        segments = [];
      }
    }
  }
}

/** Groups contexts into row-major [batch, seqLen] id blocks for `LanguageModel.run`; the last may be smaller. */
export function* batchContexts(
  contexts: Iterable<PackedContext>,
  batchSize: number,
): Generator<{ contexts: PackedContext[]; inputIds: Int32Array; batch: number; seqLen: number }> {
  let group: PackedContext[] = [];
  const flush = () => {
    const seqLen = group[0]!.tokens.length;
    const inputIds = new Int32Array(group.length * seqLen);
    group.forEach((context, row) => inputIds.set(context.tokens, row * seqLen));
    const batch = { contexts: group, inputIds, batch: group.length, seqLen };
    group = [];
    return batch;
  };
  for (const context of contexts) {
    group.push(context);
    if (group.length === batchSize) yield flush();
  }
  if (group.length > 0) yield flush();
}
