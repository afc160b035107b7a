import { getSaesByIds, type AtlasDb } from '@atlas/db';
import type { LanguageModel } from '@atlas/model';
import type { SaeWeights } from '@atlas/sae';
import { SelectError } from '../errors.ts';

/**
 * Checks that an SAE is in the atlas and fits the model and weights given; returns the hook it
 * reads (the SAE's) and that hook's width. Without an SAE, `hook` must be given.
 */
export async function resolveSaeSource(
  db: AtlasDb,
  options: { model: LanguageModel; modelId: string; sae?: { id: string; weights: SaeWeights }; hook?: string },
): Promise<{ hook: string; dIn: number }> {
  let hook = options.hook;
  if (options.sae) {
    const [row] = await getSaesByIds(db, [options.sae.id]);
    if (!row) throw new SelectError(`No SAE "${options.sae.id}" in the atlas; list SAEs with the saes query, or build it first.`, { code: 'NOT_FOUND' });
    if (row.modelId !== options.modelId) {
      throw new SelectError(`SAE "${row.id}" reads model "${row.modelId}", not "${options.modelId}"; load that model.`);
    }
    if (options.hook !== undefined && options.hook !== row.hookName) {
      throw new SelectError(`SAE "${row.id}" reads hook ${row.hookName}, not ${options.hook}; leave the hook out or give ${row.hookName}.`);
    }
    const cfg = options.sae.weights.cfg;
    if (cfg.width !== row.width || cfg.dIn !== row.dIn) {
      throw new SelectError(`The SAE weights given (d_in ${cfg.dIn}, width ${cfg.width}) are not those of "${row.id}" (d_in ${row.dIn}, width ${row.width}).`);
    }
    hook = row.hookName;
  }
  if (hook === undefined) throw new SelectError('Give an SAE, or the hook whose hidden states represent the samples.');
  const point = options.model.hookPoints.find((p) => p.name === hook);
  if (!point) throw new SelectError(`The model has no hook ${hook}; it has: ${options.model.hookNames.join(', ')}.`);
  if (options.sae && options.sae.weights.cfg.dIn !== point.width) {
    throw new SelectError(`The SAE's d_in ${options.sae.weights.cfg.dIn} differs from hook ${hook}'s width ${point.width}.`);
  }
  return { hook, dIn: point.width };
}
