import {
  encoderDecoderCosines, headAttributions, isAttentionHeadHook, type FeatureStatistics, type TopContext,
} from '@atlas/features';
import { QUANTILE_RANK_STRIDE, type IngestSaeInput, type SaeRow } from '@atlas/db';
import type { SaeWeights } from '@atlas/sae';
import { UserError } from '../errors.ts';
import type { DecoderGeometry } from './decoder-geometry.ts';
import type { ContextRef } from './extract-activations.ts';
import type { FeatureMap } from './feature-map.ts';
import { mapClusterRows } from './map-captions.ts';
import { machineLabelRows } from './machine-labels.ts';

export interface PayloadOptions {
  sae: Omit<SaeRow, 'createdAt'> & { weightsPath?: string };
  checksum: string;
  corpus: { id: string; name: string };
  weights: SaeWeights;
  statistics: FeatureStatistics[];
  /** Decoder neighbours and logit effects (optional: without them the atlas has none). */
  geometry?: Pick<DecoderGeometry, 'neighbours' | 'logitEffects'>;
  contexts: ContextRef[];
  /** One display string per token id (the model's tokenizer). */
  decodeTokens: (ids: number[]) => string[];
  /** The model's attention heads per layer: needed for an SAE on `attn.hook_z` (per-head attribution). */
  headCount?: number;
  /** Each feature's place and cluster on the SAE's 2-D map, by index (optional: without it features have none). */
  map?: FeatureMap;
}

const contextKey = (context: ContextRef) => `${context.documentId}:${context.startToken}`;

/**
 * Turns statistics into database rows: only contexts that some feature shows are stored, once
 * each, and activations stay sparse (one row per firing position of a shown context, once per
 * feature even when the context is both a top and a quantile example).
 */
export function buildAtlasPayload(options: PayloadOptions): Omit<IngestSaeInput, 'onProgress'> {
  const { weights, statistics, contexts } = options;
  const dIn = weights.cfg.dIn;
  const shown = new Set<number>();
  const examples: IngestSaeInput['examples'] = [];
  const activations: IngestSaeInput['activations'] = [];
  const quantileBins: NonNullable<IngestSaeInput['quantileBins']> = [];
  const decoded = new Map<number, string[]>();
  const tokensOf = (index: number) => {
    let tokens = decoded.get(index);
    if (!tokens) decoded.set(index, (tokens = options.decodeTokens(contexts[index]!.tokenIds)));
    return tokens;
  };
  for (const feature of statistics) {
    const withActivations = new Set<number>();
    const show = (example: TopContext, kind: 'top' | 'quantile', rank: number) => {
      shown.add(example.contextIndex);
      const key = contextKey(contexts[example.contextIndex]!);
      examples.push({
        featureIndex: feature.index, contextKey: key, kind, rank, maxValue: example.maxValue, maxPosition: example.maxPosition,
      });
      if (withActivations.has(example.contextIndex)) return;
      withActivations.add(example.contextIndex);
      example.positions.forEach((position, i) => {
        activations.push({ featureIndex: feature.index, contextKey: key, position, value: example.values[i]! });
      });
    };
    feature.topContexts.forEach((top, rank) => show(top, 'top', rank));
    for (const bin of feature.quantileBins) {
      if (bin.examples.length > QUANTILE_RANK_STRIDE) {
        throw new Error(`Feature ${feature.index}: ${bin.examples.length} quantile examples in one bin; at most ${QUANTILE_RANK_STRIDE} are stored.`);
      }
      quantileBins.push({ featureIndex: feature.index, bin: bin.bin, lower: bin.lower, upper: bin.upper, count: bin.count });
      bin.examples.forEach((example, i) => show(example, 'quantile', bin.bin * QUANTILE_RANK_STRIDE + i));
    }
  }
  const cosines = encoderDecoderCosines(weights.W_enc, weights.W_dec, dIn);
  const geometry = geometryRows(options);
  const labels = machineLabelRows(statistics, tokensOf);
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
        tokens: tokensOf(index),
      };
    }),
    features: statistics.map((feature) => ({
      index: feature.index,
      density: feature.density,
      maxActivation: feature.maxActivation,
      meanActivation: feature.meanActivation,
      encoderDecoderCosine: cosines[feature.index]!,
      isDead: feature.isDead,
      isDense: feature.isDense,
      decoder: weights.W_dec.subarray(feature.index * dIn, (feature.index + 1) * dIn),
      umapX: options.map?.points[feature.index]?.x ?? null,
      umapY: options.map?.points[feature.index]?.y ?? null,
      mapCluster: options.map?.clustering.assignment[feature.index] ?? null,
    })),
    examples,
    activations,
    quantileBins,
    histograms: statistics
      .filter((feature) => feature.histogram.counts.length > 0)
      .map((feature) => ({ featureIndex: feature.index, ...feature.histogram })),
    ...geometry,
    neighbours: [...(geometry.neighbours ?? []), ...coactivationRows(statistics)],
    labels,
    ...(options.map ? { mapClusters: mapClusterRows(options.map, labels) } : {}),
    ...headAttributionRows(options),
  };
}

/** Each feature's most co-activating partners (Jaccard over tokens) from the statistics pass. */
function coactivationRows(statistics: readonly FeatureStatistics[]): NonNullable<IngestSaeInput['neighbours']> {
  return statistics.flatMap((feature) =>
    feature.coactivating.map((partner, rank) => ({
      featureIndex: feature.index, method: 'coactivation' as const, rank, neighbourIndex: partner.index, score: partner.jaccard,
    })),
  );
}

/** Each head's share of every decoder row, for SAEs on `blocks.L.attn.hook_z` only. */
function headAttributionRows({ sae, weights, statistics, headCount }: PayloadOptions): Pick<IngestSaeInput, 'headAttributions'> {
  if (!isAttentionHeadHook(sae.hookName)) return {};
  if (headCount === undefined) {
    throw new UserError(
      `${sae.hookName} concatenates attention heads, so the atlas needs the model's head count ` +
        '(n_head or num_attention_heads in its config.json); add it there and build again.',
    );
  }
  const shares = headAttributions(weights.W_dec, weights.cfg.dIn, headCount);
  return {
    headAttributions: statistics.flatMap((feature) =>
      Array.from(shares.subarray(feature.index * headCount, (feature.index + 1) * headCount), (share, head) => ({
        featureIndex: feature.index, head, share,
      })),
    ),
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
