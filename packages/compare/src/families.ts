import { throwIfAborted } from './control.ts';
import { byFeature, featureMoments, type CodeTable } from './code-table.ts';
import { CompareError } from './compare-error.ts';
import { crossTopK } from './cross-topk.ts';
import { checkDictionary, requireSameSpace, unitRows, type Dictionary } from './dictionary.ts';
import type { ComparisonResult, MatchEdge, RunControl } from './result.ts';

export interface FamilyOptions extends RunControl {
  /** Wide candidates per narrow feature, by decoder cosine (default 8). */
  candidates?: number;
  /** A child's decoder cosine with its parent at least this (default 0.5). */
  minCosine?: number;
  /** A child fires where the parent fires: P(parent fires | child fires) at least this (default 0.5). */
  minContainment?: number;
}

export interface FamilyChild {
  feature: number;
  cosine: number;
  /** P(parent fires | child fires) over the shared tokens. */
  containment: number;
  /** Tokens where both fire. */
  coFiring: number;
}

/** One narrow feature and its children in the wide SAE: a small tree (depth 1; chain widths for more). */
export interface FeatureFamily {
  parent: number;
  children: FamilyChild[];
}

/**
 * Feature families across widths (one hook, a narrow and a wide SAE, codes over the same tokens):
 * each narrow feature's children are wide features whose decoder rows are close to its own and
 * that fire (mostly) where it fires — the split pieces of a feature that a wider dictionary
 * separates. Candidates come from the blockwise decoder-cosine TopK; co-firing is counted only
 * for those k candidates per parent, so memory stays linear in width.
 */
export async function featureFamilies(
  narrow: Dictionary,
  wide: Dictionary,
  codesNarrow: CodeTable,
  codesWide: CodeTable,
  options: FamilyOptions = {},
): Promise<{ result: ComparisonResult; families: FeatureFamily[] }> {
  checkDictionary(narrow);
  checkDictionary(wide);
  requireSameSpace(narrow, wide, 'Feature families');
  if (codesNarrow.rows !== codesWide.rows || codesNarrow.width !== narrow.width || codesWide.width !== wide.width) {
    throw new CompareError('Feature families need both SAEs\' codes over the same tokens, each as wide as its SAE.');
  }
  const k = Math.min(options.candidates ?? 8, wide.width);
  const minCosine = options.minCosine ?? 0.5;
  const minContainment = options.minContainment ?? 0.5;
  const d = narrow.dIn;
  const { aToB } = await crossTopK(unitRows(narrow.W_dec, narrow.width, d), narrow.width, unitRows(wide.W_dec, wide.width, d), wide.width, d, k, { ...options, stage: 'families: products' });
  const parents = byFeature(codesNarrow);
  const childCounts = featureMoments(codesWide).count;
  const coFiring = new Uint32Array(narrow.width * k);
  for (let i = 0; i < narrow.width; i++) {
    if (i % 1024 === 0) throwIfAborted(options);
    const slots = aToB.indices.subarray(i * k, (i + 1) * k);
    for (let p = parents.offsets[i]!; p < parents.offsets[i + 1]!; p++) {
      const row = parents.indices[p]!;
      for (let q = codesWide.offsets[row]!; q < codesWide.offsets[row + 1]!; q++) {
        const slot = slots.indexOf(codesWide.indices[q]!);
        if (slot >= 0) coFiring[i * k + slot]!++;
      }
    }
  }
  const families: FeatureFamily[] = [];
  const matches: MatchEdge[] = [];
  const claimed = new Uint8Array(wide.width);
  let childTotal = 0;
  let containmentTotal = 0;
  for (let i = 0; i < narrow.width; i++) {
    const children: FamilyChild[] = [];
    for (let s = 0; s < k; s++) {
      const feature = aToB.indices[i * k + s]!;
      const cosine = aToB.values[i * k + s]!;
      if (feature < 0 || !(childCounts[feature]! > 0)) continue;
      const containment = coFiring[i * k + s]! / childCounts[feature]!;
      if (cosine >= minCosine && containment >= minContainment) children.push({ feature, cosine, containment, coFiring: coFiring[i * k + s]! });
    }
    if (children.length === 0) continue;
    families.push({ parent: i, children });
    for (const child of children) {
      claimed[child.feature] = 1;
      containmentTotal += child.containment;
      matches.push({
        featureA: i, featureB: child.feature, score: child.cosine, method: 'families', mutual: false, assigned: true,
        containment: child.containment, coFiring: child.coFiring,
      });
    }
    childTotal += children.length;
  }
  const claimedCount = claimed.reduce((sum, x) => sum + x, 0);
  return {
    families,
    result: {
      summary: {
        method: 'families', widthA: narrow.width, widthB: wide.width, approximate: false,
        params: { a: narrow.id, b: wide.id, candidates: k, minCosine, minContainment, tokens: codesNarrow.rows },
        figures: [
          { name: 'parentsWithChildrenShare', value: families.length / narrow.width, description: 'share of narrow features with at least one child in the wide SAE' },
          { name: 'meanChildren', value: families.length ? childTotal / families.length : 0, description: 'children per narrow feature that has any' },
          { name: 'claimedShareWide', value: claimedCount / wide.width, description: 'share of wide features that are some narrow feature\'s child' },
          { name: 'meanContainment', value: childTotal ? containmentTotal / childTotal : Number.NaN, description: 'mean P(parent fires | child fires) over the children' },
        ],
      },
      matches,
    },
  };
}
