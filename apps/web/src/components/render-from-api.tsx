import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { isApiError } from '@/lib/graphql';
import { ApiUnreachable } from './api-unreachable';

/**
 * Awaits a server render that reads the API. An unknown id (NOT_FOUND) becomes notFound();
 * an unreachable API becomes a panel saying where it was looked for and how to start it.
 * Anything else propagates to the nearest error.tsx.
 */
export async function renderFromApi(render: () => Promise<ReactNode>): Promise<ReactNode> {
  try {
    return await render();
  } catch (error) {
    if (isApiError(error, 'NOT_FOUND')) notFound();
    if (isApiError(error, 'API_UNREACHABLE')) return <ApiUnreachable url={error.url} />;
    throw error;
  }
}
