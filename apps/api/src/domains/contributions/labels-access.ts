import type { LabelRow } from '@atlas/db';
import type { Viewer } from '../../auth/viewer.ts';
import type { ApiContext } from '../../context.ts';
import { forbidden, notFound } from '../../errors.ts';
import { isCurator } from './guards.ts';

/** Hidden labels are seen by curators, admins and the label's author; everyone else sees nothing there. */
export function maySeeLabel(viewer: Viewer, label: LabelRow): boolean {
  if (!label.hidden || isCurator(viewer)) return true;
  return viewer.kind !== 'anonymous' && Number(viewer.userId) === label.createdBy;
}

/** The label, as the viewer may see it; NOT_FOUND naming the id otherwise. */
export async function requireLabel(ctx: ApiContext, labelId: number): Promise<LabelRow> {
  const label = await ctx.loaders.contributions.labels.load(labelId);
  if (!label || !maySeeLabel(ctx.viewer, label)) throw notFound(`No label with id ${labelId}. Feature.labels lists a feature's labels with their ids.`);
  return label;
}

/** A hidden label takes no votes or revisions until a curator shows it again. */
export function refuseIfHidden(label: LabelRow, action: string): void {
  if (label.hidden) throw forbidden(`${action}: label ${label.id} was hidden by a moderator (${label.hiddenReason ?? 'no reason given'}); it takes no changes while hidden.`);
}

/** The label as stored after a write (the request's loader may hold the version from before). */
export async function reloadLabel(ctx: ApiContext, labelId: number): Promise<LabelRow> {
  const label = await ctx.loaders.contributions.labels.clear(labelId).load(labelId);
  if (!label) throw notFound(`No label with id ${labelId}.`);
  return label;
}
