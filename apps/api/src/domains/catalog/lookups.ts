import type { FeatureRow, ModelRow, SaeRow } from '@atlas/db';
import { parseFeatureId } from '@atlas/ids';
import type { ApiContext } from '../../context.ts';
import { notFound } from '../../errors.ts';

/** Entity lookups by public id that turn a miss into a NOT_FOUND naming the id (other domains use them too). */

export async function requireModel(ctx: ApiContext, id: string): Promise<ModelRow> {
  const model = await ctx.loaders.catalog.models.load(id);
  if (!model) throw notFound(`No model with id "${id}". The models query lists every model.`);
  return model;
}

export async function requireSae(ctx: ApiContext, id: string): Promise<SaeRow> {
  const sae = await ctx.loaders.catalog.saes.load(id);
  if (!sae) throw notFound(`No SAE with id "${id}". SAE ids look like "demo-lm/blocks.2.hook_resid_post/topk-4096"; the saes query lists them.`);
  return sae;
}

export async function requireFeature(ctx: ApiContext, id: string): Promise<FeatureRow> {
  const parsed = parseFeatureId(id);
  const sae = parsed ? await ctx.loaders.catalog.saes.load(parsed.saeId) : null;
  if (!parsed || !sae) {
    const asSae = await ctx.loaders.catalog.saes.load(id);
    const hint = asSae
      ? `"${id}" is an SAE id; add "/<index>" with index 0..${asSae.width - 1}`
      : 'feature ids are "<sae id>/<index>", e.g. "demo-lm/blocks.2.hook_resid_post/topk-4096/123"';
    throw notFound(`No feature with id "${id}": ${hint}.`);
  }
  const range = `SAE "${sae.id}" has features 0..${sae.width - 1}`;
  if (parsed.index === null || parsed.index >= sae.width) {
    throw notFound(`No feature with id "${id}": the index must be an integer in range; ${range}.`);
  }
  const feature = await ctx.loaders.catalog.features.load({ saeId: sae.id, index: parsed.index });
  if (!feature) throw notFound(`No feature with id "${id}": ${range}, but none is stored at index ${parsed.index}.`);
  return feature;
}
