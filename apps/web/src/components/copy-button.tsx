'use client';

import { useState } from 'react';

/** Copies `text` to the clipboard; the text itself is also on the page for copying by hand. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      setState('failed'); // no clipboard permission (plain http on another host): select the text instead
    }
  };
  return (
    <button type="button" className="button" onClick={copy} aria-label={label}>
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy the text' : 'Copy'}
    </button>
  );
}
