import type { Metadata } from 'next';
import Link from 'next/link';
import { createApiKeyAction, revokeApiKeyAction } from '@/components/account/account-actions';
import { ActionForm } from '@/components/account/action-form';
import { renderFromApi } from '@/components/render-from-api';
import { getMyApiKeys } from '@/lib/queries/account';
import { sessionToken } from '@/lib/session';

export const metadata: Metadata = { title: 'API keys' };

/** Your API keys: make one (shown once), see when each was last used, revoke. */
export default async function ApiKeysPage() {
  const token = await sessionToken();
  if (!token) {
    return <p className="notice">Sign in first: <Link href="/account">Account</Link>.</p>;
  }
  return renderFromApi(async () => {
    const keys = await getMyApiKeys(token);
    return (
      <section className="section">
        <h1>API keys</h1>
        <p className="muted">
          Send a key as <code>authorization: Bearer &lt;key&gt;</code>. READ keys read; WRITE keys also propose, revise and vote on labels.
        </p>
        <ActionForm action={createApiKeyAction} submit="Make a key">
          <label>Name <input name="name" required maxLength={64} placeholder="labelling script" /></label>
          <label>Scope <select name="scope" defaultValue="READ"><option value="READ">READ</option><option value="WRITE">WRITE</option></select></label>
        </ActionForm>
        <table className="data-table">
          <thead><tr><th>Name</th><th>Key</th><th>Scope</th><th>Made</th><th>Last used</th><th /></tr></thead>
          <tbody>
            {keys.map((key) => (
              <tr key={key.id}>
                <td>{key.name}</td>
                <td><code>{key.prefix}…</code></td>
                <td>{key.scope}</td>
                <td>{key.createdAt.slice(0, 10)}</td>
                <td>{key.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? 'never'}</td>
                <td>
                  {key.revokedAt ? <span className="muted">revoked</span> : (
                    <form action={revokeApiKeyAction}><input type="hidden" name="id" value={key.id} /><button type="submit" className="button">Revoke</button></form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    );
  });
}
