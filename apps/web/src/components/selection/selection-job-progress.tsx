'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import { formatValue } from '@/lib/format';
import type { SelectionJobStatus } from '@/lib/queries/selection';
import { selectionHref } from '@/lib/routes';
import { cancelSelectionJobAction, selectionJobAction } from './selection-actions';
import styles from './selection.module.css';

const POLL_MS = 1_500;
const FINISHED = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** A selection job's state and progress (rate, ETA), polled until it finishes; then a link to its results. */
export function SelectionJobProgress({ jobId, initial }: { jobId: string; initial: SelectionJobStatus }) {
  const router = useRouter();
  const [status, setStatus] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const job = status.job;
  const selection = status.selectionOfJob;
  const finished = !job || FINISHED.has(job.state);

  useEffect(() => {
    if (finished) return;
    const timer = setTimeout(async () => {
      const result = await selectionJobAction(jobId).catch(() => null);
      if (result?.ok) setStatus(result.value);
      else setError(result ? `${result.message} [${result.code}]` : 'The status request did not complete; retrying.');
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [jobId, status, finished]);

  useEffect(() => {
    if (job?.state === 'SUCCEEDED' && selection) router.replace(selectionHref(selection.id));
  }, [job?.state, selection, router]);

  if (!job) return <p role="alert">No job {jobId}.</p>;
  const progress = job.progress;
  const share = progress?.total ? Math.min(1, progress.done / progress.total) : null;
  return (
    <div className="card" data-testid="selection-job" aria-live="polite">
      <p>
        <strong data-testid="job-state">{job.state.toLowerCase()}</strong>
        {job.attempts > 1 && <span className="muted small"> · attempt {job.attempts} of {job.maxAttempts}</span>}
      </p>
      {progress && (
        <>
          <progress className={styles.progress} value={share ?? undefined} max={1} />
          <p className="small">
            {formatValue(progress.done)}{progress.total != null && ` / ${formatValue(progress.total)}`} {progress.unit ?? ''}
            {progress.rate != null && ` · ${formatValue(progress.rate)}/s`}
            {progress.etaSeconds != null && ` · about ${Math.ceil(progress.etaSeconds)} s left`}
          </p>
        </>
      )}
      {!finished && (
        <button
          className="button"
          type="button"
          onClick={async () => {
            const result = await cancelSelectionJobAction(jobId).catch(() => null);
            if (result && !result.ok) setError(`${result.message} [${result.code}]`);
          }}
        >
          Cancel
        </button>
      )}
      {job.error && <p role="alert" className={styles.error}>{job.error.message} [{job.error.code}]</p>}
      {error && <p role="alert" className={styles.error}>{error}</p>}
      {selection && <p className="small"><Link href={selectionHref(selection.id)}>Selection {selection.id}</Link> ({selection.status.toLowerCase()})</p>}
    </div>
  );
}
