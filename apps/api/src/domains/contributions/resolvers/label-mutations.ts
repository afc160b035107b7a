import { addLabelVersion, createLabel, setLabelHidden, setLabelReview, syncSearchLabelVisibility, voteOnLabel } from '@atlas/db';
import type { MutationResolvers } from '../../../generated/resolvers-types.ts';
import { forbidden } from '../../../errors.ts';
import { requireFeature } from '../../catalog/lookups.ts';
import { isCurator, requireCurator, requireWriter } from '../guards.ts';
import { checkLabelText, checkNote, checkNumericId, checkTags } from '../input.ts';
import { refuseIfHidden, reloadLabel, requireLabel } from '../labels-access.ts';

const VOTE_VALUE = { UP: 1, DOWN: -1, NONE: 0 } as const;
const REVIEW_STATE = { PROPOSED: 'proposed', ACCEPTED: 'accepted', REJECTED: 'rejected' } as const;

/**
 * Label writes. Each checks the viewer (UNAUTHENTICATED, FORBIDDEN), then every argument
 * (BAD_USER_INPUT) and the target (NOT_FOUND) before writing; each write is one statement or
 * one transaction (`@atlas/db`), so a refused or failed request leaves nothing half-written.
 */
export const labelMutations: Pick<MutationResolvers, 'proposeLabel' | 'reviseLabel' | 'voteLabel' | 'reviewLabel' | 'hideLabel'> = {
  proposeLabel: async (_parent, args, ctx) => {
    const viewer = requireWriter(ctx, 'proposeLabel');
    const text = checkLabelText(args.text);
    const tags = checkTags(args.tags) ?? [];
    const feature = await requireFeature(ctx, args.featureId);
    const { labelId } = await createLabel(ctx.db, { featureId: feature.id, text, tags, source: 'human', authorId: viewer.id });
    return reloadLabel(ctx, labelId);
  },
  reviseLabel: async (_parent, args, ctx) => {
    const viewer = requireWriter(ctx, 'reviseLabel');
    const text = checkLabelText(args.text);
    const tags = checkTags(args.tags);
    const label = await requireLabel(ctx, checkNumericId('label', args.labelId));
    const curator = isCurator(viewer);
    if (!curator && label.createdBy !== viewer.id) {
      throw forbidden(`Label ${label.id} is another contributor's: only its author, curators and admins may revise it. Propose your own (proposeLabel) or vote on it (voteLabel).`);
    }
    if (!curator) refuseIfHidden(label, 'reviseLabel');
    await addLabelVersion(ctx.db, { labelId: label.id, text, tags, source: 'human', authorId: viewer.id, reopenReview: !curator });
    return reloadLabel(ctx, label.id);
  },
  voteLabel: async (_parent, args, ctx) => {
    const viewer = requireWriter(ctx, 'voteLabel');
    const label = await requireLabel(ctx, checkNumericId('label', args.labelId));
    refuseIfHidden(label, 'voteLabel');
    await voteOnLabel(ctx.db, { labelId: label.id, userId: viewer.id, value: VOTE_VALUE[args.vote] });
    ctx.loaders.contributions.votes.clear({ userId: viewer.id, labelId: label.id });
    return reloadLabel(ctx, label.id);
  },
  reviewLabel: async (_parent, args, ctx) => {
    const viewer = requireCurator(ctx, 'reviewLabel');
    const note = checkNote('note', args.note);
    const label = await requireLabel(ctx, checkNumericId('label', args.labelId));
    await setLabelReview(ctx.db, { labelId: label.id, state: REVIEW_STATE[args.state], reviewerId: viewer.id, note });
    return reloadLabel(ctx, label.id);
  },
  hideLabel: async (_parent, args, ctx) => {
    const viewer = requireCurator(ctx, 'hideLabel');
    const reason = checkNote('reason', args.reason, { required: true });
    const label = await requireLabel(ctx, checkNumericId('label', args.labelId));
    // One transaction: the label is hidden and stops matching in search together, or neither.
    await ctx.db.transaction(async (tx) => {
      await setLabelHidden(tx, { labelId: label.id, hidden: args.hidden ?? true, moderatorId: viewer.id, reason });
      await syncSearchLabelVisibility(tx, label.id);
    });
    return reloadLabel(ctx, label.id);
  },
};
