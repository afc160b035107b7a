import { listApiKeys } from '@atlas/db';
import type { QueryResolvers } from '../../../generated/resolvers-types.ts';
import { forbidden, notFound } from '../../../errors.ts';
import { isCurator, requireSignedIn } from '../guards.ts';
import { checkNumericId } from '../input.ts';
import { maySeeLabel, requireLabel } from '../labels-access.ts';
import { loadContributionsPage, loadReviewQueuePage, loadVersionPage } from '../pages.ts';
import { MAX_LIVE_KEYS } from './account-mutations.ts';

export const contributionQueries: Pick<QueryResolvers, 'viewer' | 'myApiKeys' | 'label' | 'labelHistory' | 'reviewQueue' | 'myContributions'> = {
  viewer: async (_parent, _args, ctx) => {
    const { viewer } = ctx;
    if (viewer.kind === 'anonymous') return null;
    const user = await ctx.loaders.contributions.users.load(Number(viewer.userId));
    if (!user) throw notFound('The signed-in user no longer exists; sign up again.');
    return { user, credential: viewer.kind === 'user' ? 'SESSION' : 'API_KEY', scopes: viewer.scopes };
  },
  myApiKeys: async (_parent, _args, ctx) => {
    const viewer = requireSignedIn(ctx, 'myApiKeys');
    // Revoked keys stay listed; twice the live limit shows the recent ones.
    return listApiKeys(ctx.db, { userId: viewer.id, limit: MAX_LIVE_KEYS * 2 });
  },
  label: async (_parent, { id }, ctx) => {
    const label = await ctx.loaders.contributions.labels.load(checkNumericId('label', id));
    return label && maySeeLabel(ctx.viewer, label) ? label : null;
  },
  labelHistory: async (_parent, args, ctx) => {
    const label = await requireLabel(ctx, checkNumericId('label', args.labelId));
    return loadVersionPage(ctx, label.id, args);
  },
  reviewQueue: async (_parent, args, ctx) => {
    const viewer = requireSignedIn(ctx, 'reviewQueue');
    if (!isCurator(viewer)) throw forbidden('reviewQueue is for curators and admins; your account is a member.');
    return loadReviewQueuePage(ctx, args.saeId ?? null, args);
  },
  myContributions: async (_parent, args, ctx) => {
    const viewer = requireSignedIn(ctx, 'myContributions');
    return loadContributionsPage(ctx, viewer.id, args);
  },
};
