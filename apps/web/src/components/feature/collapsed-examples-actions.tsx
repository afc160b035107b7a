'use server';

import type { ReactNode } from 'react';
import { z } from 'zod';
import { isApiError } from '@/lib/graphql';
import { MoreTopActivations, QuantileBins } from './collapsed-examples';

/**
 * The feature page's collapsed examples, rendered when a reader opens them (see LazyDetails). The
 * id comes from the page, but a server action is a public endpoint: it is checked here, and an
 * API refusal (unknown feature, rate limit) comes back as the API's message, not a thrown error.
 */
const FeatureId = z.string().min(1).max(512);

async function renderCollapsed(featureId: unknown, render: (id: string) => Promise<ReactNode>): Promise<ReactNode> {
  const parsed = FeatureId.safeParse(featureId);
  if (!parsed.success) return problem('BAD_USER_INPUT', 'The feature id must be a non-empty string of at most 512 characters.');
  try {
    return await render(parsed.data);
  } catch (error) {
    if (isApiError(error)) return problem(error.code, error.message);
    throw error;
  }
}

function problem(code: string, message: string): ReactNode {
  return <p role="alert" className="small" data-code={code}>{message}</p>;
}

export async function loadMoreTopActivations(featureId: string): Promise<ReactNode> {
  return renderCollapsed(featureId, (id) => MoreTopActivations({ featureId: id }));
}

export async function loadQuantileExamples(featureId: string): Promise<ReactNode> {
  return renderCollapsed(featureId, (id) => QuantileBins({ featureId: id }));
}
