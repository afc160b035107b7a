import Link from 'next/link';
import { Suspense } from 'react';
import { proposeLabelAction, voteLabelAction } from './account/account-actions';
import { ActionForm } from './account/action-form';
import styles from './account/account.module.css';
import { isApiError } from '@/lib/graphql';
import { getFeatureLabels, type ContributedLabel } from '@/lib/queries/label-contributions';
import { LabelScoreBadges } from './label-score-badges';
import { sessionToken } from '@/lib/session';
import { ListSkeleton } from './skeletons';

/**
 * People's labels on the feature page: every label with its votes, review state and history, vote
 * buttons and a form to propose one (signed in; the session cookie is forwarded to the API).
 * Label text is rendered as text by React, so markup in a label shows as characters.
 */
export function LabelContributions({ featureId }: { featureId: string }) {
  return (
    <section className="section">
      <h2>Labels by people</h2>
      <Suspense fallback={<ListSkeleton rows={2} label="Loading labels" />}>
        <LabelList featureId={featureId} />
      </Suspense>
    </section>
  );
}

async function LabelList({ featureId }: { featureId: string }) {
  const token = await sessionToken();
  // An expired session cookie reads the labels anonymously instead of failing the page.
  const { signedInAs, labels } = await getFeatureLabels(featureId, token).catch((error: unknown) => {
    if (token && isApiError(error, 'UNAUTHENTICATED')) return getFeatureLabels(featureId, undefined);
    throw error;
  });
  return (
    <div>
      {labels.length === 0 ? <p className="muted">No labels yet.</p> : (
        <ol className={styles.labels}>
          {labels.map((label) => <LabelItem key={label.id} label={label} canVote={signedInAs !== null} />)}
        </ol>
      )}
      {signedInAs ? (
        <ActionForm action={proposeLabelAction} submit="Propose label">
          <input type="hidden" name="featureId" value={featureId} />
          <label>Label <input name="text" required maxLength={500} placeholder="What does this feature respond to?" /></label>
          <label>Tags <input name="tags" placeholder="comma-separated, optional" /></label>
        </ActionForm>
      ) : (
        <p className="muted"><Link href="/account" className={styles.inlineLink}>Sign in</Link> to propose a label or vote.</p>
      )}
    </div>
  );
}

function LabelItem({ label, canVote }: { label: ContributedLabel; canVote: boolean }) {
  const history = label.history.edges.map((edge) => edge.node);
  return (
    <li>
      <p>
        <strong>{label.text}</strong>{' '}
        <span className="muted">
          {label.source.toLowerCase()}{label.createdBy ? ` · ${label.createdBy.handle}` : ''} · {label.reviewState.toLowerCase()} · score {label.score}
          {label.tags.length > 0 ? ` · ${label.tags.join(', ')}` : ''}
        </span>
        <LabelScoreBadges scores={label.scores} />
      </p>
      {canVote && (
        <form action={voteLabelAction} className={styles.votes}>
          <input type="hidden" name="labelId" value={label.id} />
          <button type="submit" name="vote" value={label.myVote === 1 ? 'NONE' : 'UP'} className="button" aria-pressed={label.myVote === 1}>▲ {label.upvotes}</button>
          <button type="submit" name="vote" value={label.myVote === -1 ? 'NONE' : 'DOWN'} className="button" aria-pressed={label.myVote === -1}>▼ {label.downvotes}</button>
        </form>
      )}
      {history.length > 1 && (
        <details>
          <summary>History ({label.version} versions)</summary>
          <ol>
            {history.map((version) => (
              <li key={version.version}>
                v{version.version} · {version.createdAt.slice(0, 10)} · {version.author?.handle ?? version.authorModel ?? version.source.toLowerCase()}: {version.text}
              </li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}
