import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { isApiError } from '@/lib/graphql';
import { ApiUnreachable } from './api-unreachable';

/**
 * Awaits a server render that reads the API. An unknown or malformed id (NOT_FOUND,
 * BAD_USER_INPUT: the only input that reaches here comes from the URL) becomes notFound();
 * an unreachable API becomes a panel saying where it was looked for and how to start it.
 * Anything else propagates to the nearest error.tsx.
 */
export async function renderFromApi(render: () => Promise<ReactNode>): Promise<ReactNode> {
  try {
    return await render();
  } catch (error) {
    if (isApiError(error, 'NOT_FOUND') || isApiError(error, 'BAD_USER_INPUT')) notFound();
    if (isApiError(error, 'API_UNREACHABLE')) return <ApiUnreachable url={error.url} />;
    throw error;
  }
}
