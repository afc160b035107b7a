import { listSelectionItems, type AtlasDb, type SelectionItemRow } from '@atlas/db';

/** One line of a selection's JSONL download: the sample as imported, its rank, score and driving features. */
export interface SelectionJsonRecord {
  rank: number;
  score: number;
  id: string;
  text: string;
  response?: string;
  metadata?: Record<string, unknown>;
  /** SAE methods: the features driving the score, heaviest first. */
  features?: { index: number; contribution: number }[];
}

export function selectionJsonRecord(item: SelectionItemRow): SelectionJsonRecord {
  const { sample } = item;
  const features = item.featureIndices?.map((index, i) => ({ index, contribution: item.featureContributions?.[i] ?? 0 }));
  return {
    rank: item.rank,
    score: item.score,
    id: sample.externalId,
    text: sample.text,
    ...(sample.response === null ? {} : { response: sample.response }),
    ...(sample.metadata ? { metadata: sample.metadata } : {}),
    ...(features && features.length > 0 ? { features } : {}),
  };
}

/** Every item of a selection as JSONL lines (one `\n`-terminated line each), read in keyset pages. */
export async function* selectionJsonLines(db: AtlasDb, selectionId: number, pageSize = 1_000): AsyncGenerator<string> {
  let afterRank = 0;
  for (;;) {
    const items = await listSelectionItems(db, { selectionId, afterRank, limit: pageSize });
    for (const item of items) yield `${JSON.stringify(selectionJsonRecord(item))}\n`;
    if (items.length < pageSize) return;
    afterRank = items.at(-1)!.rank;
  }
}
