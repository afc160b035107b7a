import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { formatFeatureId } from '@atlas/ids';
import type { Resolvers } from '../../../generated/resolvers-types.ts';
import { forbidden } from '../../../errors.ts';
import { isCurator } from '../guards.ts';
import { encodeCursor, loadVersionPage } from '../pages.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;
const SOURCE = { human: 'HUMAN', machine: 'MACHINE', llm: 'LLM' } as const;
const REVIEW = { proposed: 'PROPOSED', accepted: 'ACCEPTED', rejected: 'REJECTED' } as const;
const ROLE = { member: 'MEMBER', curator: 'CURATOR', admin: 'ADMIN' } as const;

function pageInfo<T>(page: { hasNextPage: boolean; hasPreviousPage: boolean }, rows: T[], cursor: (row: T) => string) {
  return {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: rows[0] === undefined ? null : cursor(rows[0]),
    endCursor: rows.at(-1) === undefined ? null : cursor(rows.at(-1)!),
  };
}

const labelCursor = (label: { id: number }) => encodeCursor('label', label.id);
const versionCursor = (version: { version: number }) => encodeCursor('version', version.version);

/** The contributions domain's types, and its fields on the catalog's Feature and Label. */
export const contributionTypes: Resolvers = {
  Feature: {
    labels: (feature, args, ctx, info) => {
      const includeHidden = args.includeHidden ?? false;
      if (includeHidden && !isCurator(ctx.viewer)) throw forbidden('labels(includeHidden: true) is for curators and admins; leave includeHidden out.');
      // The public list is the same for everyone (cacheable with the feature); hidden labels are a curator's view only.
      if (includeHidden) maybeCacheControlFromInfo(info)?.setCacheHint({ scope: 'PRIVATE' });
      return ctx.loaders.contributions.featureLabels.load({ saeId: feature.saeId, index: feature.index, includeHidden });
    },
  },
  Label: {
    id: (label) => String(label.id),
    featureId: (label) => formatFeatureId({ saeId: label.saeId, index: label.featureIndex }),
    feature: (label, _args, ctx) => ctx.loaders.catalog.features.load({ saeId: label.saeId, index: label.featureIndex }),
    author: (label, _args, ctx) => (label.authorId === null ? null : ctx.loaders.contributions.users.load(label.authorId)),
    createdBy: (label, _args, ctx) => (label.createdBy === null ? null : ctx.loaders.contributions.users.load(label.createdBy)),
    createdAt: (label) => label.createdAt.toISOString(),
    score: (label) => label.upvotes - label.downvotes,
    myVote: (label, _args, ctx) =>
      ctx.viewer.kind === 'anonymous' ? null : ctx.loaders.contributions.votes.load({ userId: Number(ctx.viewer.userId), labelId: label.id }),
    reviewState: (label) => REVIEW[label.reviewState],
    reviewedBy: (label, _args, ctx) => (label.reviewedBy === null ? null : ctx.loaders.contributions.users.load(label.reviewedBy)),
    reviewedAt: (label) => iso(label.reviewedAt),
    // Who hid a label is for curators; the reason is shown to whoever may see the label.
    hiddenBy: (label, _args, ctx) => (label.hiddenBy === null || !isCurator(ctx.viewer) ? null : ctx.loaders.contributions.users.load(label.hiddenBy)),
    history: (label, args, ctx) => loadVersionPage(ctx, label.id, args),
  },
  LabelVersion: {
    id: (version) => String(version.id),
    source: (version) => SOURCE[version.source],
    author: (version, _args, ctx) => (version.authorId === null ? null : ctx.loaders.contributions.users.load(version.authorId)),
    createdAt: (version) => version.createdAt.toISOString(),
  },
  LabelConnection: {
    edges: (page) => page.labels.map((label) => ({ cursor: labelCursor(label), node: label })),
    pageInfo: (page) => pageInfo(page, page.labels, labelCursor),
  },
  LabelVersionConnection: {
    edges: (page) => page.versions.map((version) => ({ cursor: versionCursor(version), node: version })),
    pageInfo: (page) => pageInfo(page, page.versions, versionCursor),
  },
  User: {
    id: (user) => String(user.id),
    role: (user) => ROLE[user.role],
    createdAt: (user) => user.createdAt.toISOString(),
  },
  Viewer: {
    scopes: (viewer) => viewer.scopes.map((scope) => (scope === 'write' ? 'WRITE' : 'READ')),
  },
  Session: {
    expiresAt: (session) => session.expiresAt.toISOString(),
  },
  ApiKey: {
    id: (key) => String(key.id),
    scope: (key) => (key.scopes.includes('write') ? 'WRITE' : 'READ'),
    createdAt: (key) => key.createdAt.toISOString(),
    lastUsedAt: (key) => iso(key.lastUsedAt),
    expiresAt: (key) => iso(key.expiresAt),
    revokedAt: (key) => iso(key.revokedAt),
  },
};
