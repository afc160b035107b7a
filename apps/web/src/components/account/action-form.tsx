'use client';

import { useActionState, type ReactNode } from 'react';
import type { FormState } from './account-actions';
import styles from './account.module.css';

/** A form bound to a server action, with the action's message (and a one-time secret) shown under it. */
export function ActionForm({ action, children, submit }: {
  action: (state: FormState, form: FormData) => Promise<FormState>;
  children: ReactNode;
  submit: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className={styles.form}>
      {children}
      <button type="submit" className="button" disabled={pending}>{pending ? 'Working…' : submit}</button>
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'muted' : styles.error}>
          {state.message}
        </p>
      )}
      {state?.secret && <pre className={styles.secret}>{state.secret}</pre>}
    </form>
  );
}
