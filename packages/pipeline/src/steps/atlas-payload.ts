import type { FeatureStatistics } from '@atlas/features';
import type { IngestSaeInput, SaeRow } from '@atlas/db';
import type { SaeWeights } from '@atlas/sae';
import type { DecoderGeometry } from './decoder-geometry.ts';
import type { ContextRef } from './extract-activations.ts';

export interface PayloadOptions {
  sae: Omit<SaeRow, 'createdAt'>;
  checksum: string;
  corpus: { id: string; name: string };
  weights: SaeWeights;
  statistics: FeatureStatistics[];
  /** Decoder neighbours and logit effects (optional: without them the atlas has none). */
  geometry?: Pick<DecoderGeometry, 'neighbours' | 'logitEffects'>;
  contexts: ContextRef[];
  /** One display string per token id (the model's tokenizer). */
  decodeTokens: (ids: number[]) => string[];
}

const contextKey = (context: ContextRef) => `${context.documentId}:${context.startToken}`;

/**
 * Turns statistics into database rows: only contexts that some feature shows are stored, once
 * each, and activations stay sparse (one row per firing position of a shown context).
 */
export function buildAtlasPayload(options: PayloadOptions): Omit<IngestSaeInput, 'onProgress'> {
  const { weights, statistics, contexts } = options;
  const dIn = weights.cfg.dIn;
  const shown = new Set<number>();
  const examples: IngestSaeInput['examples'] = [];
  const activations: IngestSaeInput['activations'] = [];
  for (const feature of statistics) {
    feature.topContexts.forEach((top, rank) => {
      shown.add(top.contextIndex);
      const key = contextKey(contexts[top.contextIndex]!);
      examples.push({
        featureIndex: feature.index, contextKey: key, kind: 'top', rank, maxValue: top.maxValue, maxPosition: top.maxPosition,
      });
      top.positions.forEach((position, i) => {
        activations.push({ featureIndex: feature.index, contextKey: key, position, value: top.values[i]! });
      });
    });
  }
  return {
    sae: options.sae,
    checksum: options.checksum,
    corpus: options.corpus,
    contexts: [...shown].sort((a, b) => a - b).map((index) => {
      const context = contexts[index]!;
      return {
        key: contextKey(context),
        documentId: context.documentId,
        startToken: context.startToken,
        tokenIds: context.tokenIds,
        tokens: options.decodeTokens(context.tokenIds),
      };
    }),
    features: statistics.map((feature) => ({
      index: feature.index,
      density: feature.density,
      maxActivation: feature.maxActivation,
      meanActivation: feature.meanActivation,
      decoder: weights.W_dec.subarray(feature.index * dIn, (feature.index + 1) * dIn),
    })),
    examples,
    activations,
    histograms: statistics
      .filter((feature) => feature.histogram.counts.length > 0)
      .map((feature) => ({ featureIndex: feature.index, ...feature.histogram })),
    ...geometryRows(options),
  };
}

function geometryRows({ geometry, decodeTokens }: PayloadOptions): Pick<IngestSaeInput, 'neighbours' | 'logitEffects'> {
  if (!geometry) return {};
  const neighbours: NonNullable<IngestSaeInput['neighbours']> = geometry.neighbours.flatMap((list, featureIndex) =>
    list.map((neighbour, rank) => ({
      featureIndex, method: 'decoder_cosine' as const, rank, neighbourIndex: neighbour.index, score: neighbour.cosine,
    })),
  );
  if (!geometry.logitEffects) return { neighbours };
  const logitEffects: NonNullable<IngestSaeInput['logitEffects']> = [];
  geometry.logitEffects.forEach((effects, featureIndex) => {
    for (const direction of ['positive', 'negative'] as const) {
      const tokens = decodeTokens(effects[direction].map((effect) => effect.tokenId));
      effects[direction].forEach((effect, rank) => {
        logitEffects.push({ featureIndex, direction, rank, tokenId: effect.tokenId, token: tokens[rank]!, value: effect.value });
      });
    }
  });
  return { neighbours, logitEffects };
}
