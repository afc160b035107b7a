import type { Metadata } from 'next';
import Link from 'next/link';
import { signInAction, signOutAction, signUpAction } from '@/components/account/account-actions';
import { ActionForm } from '@/components/account/action-form';
import styles from '@/components/account/account.module.css';
import { renderFromApi } from '@/components/render-from-api';
import { isApiError } from '@/lib/graphql';
import { getViewer } from '@/lib/queries/account';
import { sessionToken } from '@/lib/session';

export const metadata: Metadata = { title: 'Account' };

/** Sign in or sign up; signed in, who you are, your API keys and signing out. */
export default async function AccountPage() {
  return renderFromApi(async () => {
    // An expired or signed-out session reads as signed out; any other failure is the page's.
    const viewer = await getViewer(await sessionToken()).catch((error: unknown) => {
      if (isApiError(error, 'UNAUTHENTICATED')) return null;
      throw error;
    });
    if (viewer) {
      return (
        <section className="section">
          <h1>{viewer.user.displayName}</h1>
          <p className="muted">Signed in as <strong>{viewer.user.handle}</strong> ({viewer.user.role.toLowerCase()}).</p>
          <p><Link href="/account/keys">API keys for scripts</Link> · <Link href="/account/contributions">My contributions</Link>
            {viewer.user.role === 'MEMBER' ? null : <> · <Link href="/review">Review queue</Link></>}</p>
          <form action={signOutAction}><button type="submit" className="button">Sign out</button></form>
        </section>
      );
    }
    return (
      <section className={`section ${styles.columns}`}>
        <div>
          <h1>Sign in</h1>
          <ActionForm action={signInAction} submit="Sign in">
            <label>Handle <input name="handle" autoComplete="username" required minLength={3} maxLength={32} /></label>
            <label>Password <input name="password" type="password" autoComplete="current-password" required minLength={10} /></label>
          </ActionForm>
        </div>
        <div>
          <h2>New here? Sign up</h2>
          <p className="muted">Handles: 3–32 lowercase letters, digits, _ or -. Passwords: at least 10 characters.</p>
          <ActionForm action={signUpAction} submit="Sign up">
            <label>Handle <input name="handle" autoComplete="username" required minLength={3} maxLength={32} /></label>
            <label>Password <input name="password" type="password" autoComplete="new-password" required minLength={10} /></label>
          </ActionForm>
        </div>
      </section>
    );
  });
}
