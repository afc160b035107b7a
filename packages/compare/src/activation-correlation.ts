import { matchEdges } from './atom-matching.ts';
import type { CodeTable } from './code-table.ts';
import type { Dictionary } from './dictionary.ts';
import { bestMatches, finiteMean } from './matching.ts';
import { pairCorrelations, DEFAULT_PAIR_MEMORY, type PairCorrelationOptions } from './pair-correlation.ts';
import { pairedGeometry, type PairedGeometryOptions } from './paired-geometry.ts';
import type { ComparisonResult, SummaryFigure } from './result.ts';

export interface ActivationCorrelationOptions extends PairCorrelationOptions, PairedGeometryOptions {
  /** Match edges returned per feature each way (default 3). */
  edgesPerFeature?: number;
  /** Both sides' decoders: with them, SVCCA and RSA of the paired decoder rows (with shuffle nulls). */
  dictionaries?: { a: Dictionary; b: Dictionary };
  /** Pairs below this correlation are left out of SVCCA/RSA (default 0). */
  pairMinCorrelation?: number;
}

/**
 * Different models or hooks (or the same: it needs no shared basis): codes of both SAEs over the
 * same tokens, Pearson r over co-active pairs, each A feature paired with its argmax B feature
 * (so widths may differ), then SVCCA and RSA on the paired decoder rows against shuffle nulls.
 * The codes come from `encodeSource` or `collectAlignedCodes`.
 */
export async function correlateActivations(codesA: CodeTable, codesB: CodeTable, options: ActivationCorrelationOptions = {}): Promise<ComparisonResult> {
  const candidates = await pairCorrelations(codesA, codesB, options);
  const best = bestMatches(candidates);
  const minR = options.pairMinCorrelation ?? 0;
  const pairedA: number[] = [];
  const pairedB: number[] = [];
  best.bestAB.forEach((j, i) => {
    if (j >= 0 && best.scoreAB[i]! >= minR) {
      pairedA.push(i);
      pairedB.push(j);
    }
  });
  const argmax = { featureA: Int32Array.from(pairedA), featureB: Int32Array.from(pairedB), scores: Float32Array.from(pairedA, (i) => best.scoreAB[i]!) };
  const figures: SummaryFigure[] = [
    { name: 'meanBestAB', value: finiteMean(best.scoreAB), description: 'mean over A features (with any co-active partner) of the best Pearson r in B' },
    { name: 'meanBestBA', value: finiteMean(best.scoreBA), description: 'mean over B features (with any co-active partner) of the best Pearson r in A' },
    { name: 'pairedShareA', value: pairedA.length / codesA.width, description: `share of A features paired (argmax partner with r ≥ ${minR})` },
    { name: 'mutualShare', value: best.mutualCount / Math.min(codesA.width, codesB.width), description: 'mutual best partners ÷ the smaller width' },
  ];
  const params: ComparisonResult['summary']['params'] = {
    tokens: codesA.rows, candidates: candidates.aToB.k, minCoactive: options.minCoactive ?? 3,
    memoryBytes: options.memoryBytes ?? DEFAULT_PAIR_MEMORY, pairing: 'argmax of A over B', pairMinCorrelation: minR,
  };
  if (options.dictionaries) {
    const geometry = await pairedGeometry(options.dictionaries.a, options.dictionaries.b, argmax.featureA, argmax.featureB, options);
    figures.push(...geometry.figures);
    Object.assign(params, geometry.params, { nullDraws: options.nullDraws ?? 100, seed: options.seed ?? 0, a: options.dictionaries.a.id, b: options.dictionaries.b.id });
  }
  return {
    summary: { method: 'activation-correlation', widthA: codesA.width, widthB: codesB.width, params, approximate: false, figures },
    matches: matchEdges(candidates, best, argmax, 'activation-correlation', options.edgesPerFeature ?? 3),
  };
}
