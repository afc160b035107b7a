'use client';

import { useState, useTransition, type ReactNode, type SyntheticEvent } from 'react';

interface LazyDetailsProps {
  /** The disclosure's always-visible line. */
  summary: ReactNode;
  /** A server action that renders what the disclosure holds; called once, when it is first opened. */
  load: () => Promise<ReactNode>;
  /** The content already rendered by the server, shown open (the page asked for every example); `load` is then never called. */
  rendered?: ReactNode;
  /** The same content without JavaScript: a link to the page with it rendered inline. */
  fallbackHref: string;
  fallbackText: string;
  id?: string;
  className?: string;
  testId?: string;
  /** Shown above the loaded content from the start (what the content is). */
  children?: ReactNode;
}

/**
 * A `<details>` whose content is rendered only when a reader opens it: collapsed examples are most
 * of a feature page's bytes and few readers open them, so the page does not render, send and
 * hydrate them for everyone. Before hydration (or without JavaScript) the disclosure holds a link
 * to the page with the content inline.
 */
export function LazyDetails({ summary, load, rendered, fallbackHref, fallbackText, id, className, testId, children }: LazyDetailsProps) {
  const [content, setContent] = useState<ReactNode>(rendered ?? null);
  const [failed, setFailed] = useState(false);
  const [pending, startTransition] = useTransition();

  const fetchContent = () => {
    setFailed(false);
    startTransition(async () => {
      try {
        setContent(await load());
      } catch {
        setFailed(true);
      }
    });
  };
  const onToggle = (event: SyntheticEvent<HTMLDetailsElement>) => {
    if (event.currentTarget.open && content === null && !pending && !failed) fetchContent();
  };

  return (
    <details id={id} className={className} data-testid={testId} open={rendered !== undefined} onToggle={onToggle} aria-busy={pending}>
      <summary>{summary}</summary>
      {children}
      {content ?? (pending ? (
        <p className="muted small" role="status">Loading…</p>
      ) : failed ? (
        <p className="small" role="alert">
          These examples did not load. Check your connection, then{' '}
          <button type="button" className="button" onClick={fetchContent}>Try again</button>
        </p>
      ) : (
        <p className="small"><a href={fallbackHref}>{fallbackText}</a></p>
      ))}
    </details>
  );
}
