'use client';

import { useEffect } from 'react';

/** Unexpected failures. An unreachable API is handled where data is read (ApiUnreachable). */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && 'digest' in error ? String(error.digest) : undefined;
  return (
    <section className="notice notice-error" role="alert">
      <h1>Something went wrong</h1>
      <p>
        The page could not be rendered. If the atlas API is not running, start it from the repository root with{' '}
        <code>npm start</code>, then try again.
      </p>
      {digest ? <p className="muted small">Error reference: {digest} (see the web server log).</p> : null}
      <button type="button" className="button" onClick={() => retry()}>
        Try again
      </button>
    </section>
  );
}
