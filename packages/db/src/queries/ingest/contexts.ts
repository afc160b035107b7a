import { eq, sql } from 'drizzle-orm';
import type { AtlasDb } from '../../orm.ts';
import { contexts } from '../../schema/index.ts';
import { pgArray } from '../../sql/arrays.ts';
import { queryRows } from '../../sql/rows.ts';
import { IngestInputError } from '../../errors.ts';
import type { IngestContext, IngestProgress } from './types.ts';

/** Rows per multi-row INSERT: 6 parameters each, far under Postgres' 65,535. */
const INSERT_CHUNK = 1000;
const LOOKUP_CHUNK = 20_000;

export type StoredContexts = { idByKey: Map<string, number>; inserted: number; reused: number };

/**
 * Stores each (model, corpus, document, start token, length) window once: new windows are inserted,
 * existing ones (from another SAE of the model) are reused. Returns the row id per caller key.
 */
export async function storeContexts(
  tx: AtlasDb,
  modelId: string,
  corpusId: string,
  input: readonly IngestContext[],
  progress: IngestProgress,
): Promise<StoredContexts> {
  const windows = new Map<string, IngestContext>();
  for (const context of input) {
    if (context.tokens.length !== context.tokenIds.length) {
      throw new IngestInputError(`context ${context.key}: ${context.tokens.length} tokens but ${context.tokenIds.length} token ids; give one display string per token id`);
    }
    const window = windowKey(context.documentId, context.startToken, context.tokenIds.length);
    if (!windows.has(window)) windows.set(window, context);
  }
  const unique = [...windows.values()];

  let inserted = 0;
  progress(0, unique.length, 'contexts');
  for (let start = 0; start < unique.length; start += INSERT_CHUNK) {
    const chunk = unique.slice(start, start + INSERT_CHUNK).map((context) => ({
      modelId,
      corpusId,
      documentId: context.documentId,
      startToken: context.startToken,
      tokenCount: context.tokenIds.length,
      tokenIds: context.tokenIds,
      tokens: displayTokens(context.tokens),
    }));
    const rows = await tx.orm.insert(contexts).values(chunk).onConflictDoNothing().returning({ id: contexts.id });
    inserted += rows.length;
    progress(Math.min(start + INSERT_CHUNK, unique.length), unique.length, 'contexts');
  }

  const idByWindow = new Map<string, number>();
  for (let start = 0; start < unique.length; start += LOOKUP_CHUNK) {
    const chunk = unique.slice(start, start + LOOKUP_CHUNK);
    const rows = await queryRows<{
      id: number | string; document_id: string; start_token: number; token_count: number; token_ids: number[]; tokens: string[];
    }>(
      tx,
      sql`select c.id, c.document_id, c.start_token, c.token_count, c.token_ids, c.tokens
          from ${contexts} c
          join unnest(
            ${pgArray(chunk.map((c) => c.documentId), 'text')},
            ${pgArray(chunk.map((c) => c.startToken), 'int')},
            ${pgArray(chunk.map((c) => c.tokenIds.length), 'int')}
          ) as w(document_id, start_token, token_count)
            on c.document_id = w.document_id and c.start_token = w.start_token and c.token_count = w.token_count
          where c.model_id = ${modelId} and c.corpus_id = ${corpusId}`,
    );
    for (const row of rows) {
      const key = windowKey(row.document_id, row.start_token, row.token_count);
      const wanted = windows.get(key)!;
      // A reused window must hold the same tokens: a model re-trained with another tokenizer
      // under the same id would otherwise show the wrong text.
      if (row.token_ids.some((id, i) => id !== wanted.tokenIds[i])) {
        throw new IngestInputError(
          `Model "${modelId}" already has context ${row.document_id}@${row.start_token} in corpus "${corpusId}" with ` +
            'different token ids: its tokenizer changed. Give the re-trained model a new id, or delete the old model first.',
        );
      }
      idByWindow.set(key, Number(row.id));
      // Same ids, newer display strings (the tokenizer's display rules changed): keep the newest.
      const tokens = displayTokens(wanted.tokens);
      if (row.tokens.some((token, i) => token !== tokens[i])) {
        await tx.orm.update(contexts).set({ tokens }).where(eq(contexts.id, Number(row.id)));
      }
    }
  }

  const idByKey = new Map<string, number>();
  for (const context of input) {
    const id = idByWindow.get(windowKey(context.documentId, context.startToken, context.tokenIds.length));
    if (id === undefined) throw new Error(`context ${context.key} was not stored`);
    idByKey.set(context.key, id);
  }
  return { idByKey, inserted, reused: unique.length - inserted };
}

/** Postgres text cannot hold NUL; show it as the control picture instead. */
function displayTokens(tokens: readonly string[]): string[] {
  return tokens.map((token) => token.replaceAll('\u0000', '\u2400'));
}

function windowKey(documentId: string, startToken: number, tokenCount: number): string {
  return `${startToken}\u0000${tokenCount}\u0000${documentId}`;
}
