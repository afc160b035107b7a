import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { renderFromApi } from '@/components/render-from-api';
import { SelectionJobProgress } from '@/components/selection/selection-job-progress';
import { selectionJobRouteParams } from '@/lib/params';
import { getSelectionJob } from '@/lib/queries/selection';

export const metadata: Metadata = { title: 'Selection job' };

/** A running selection job: its state and progress, polled; the results page once it succeeds. */
export default async function SelectionJobPage({ params }: { params: Promise<{ jobId: string }> }) {
  const parsed = selectionJobRouteParams.safeParse(await params);
  if (!parsed.success) notFound();
  const { jobId } = parsed.data;
  return renderFromApi(async () => {
    const status = await getSelectionJob(jobId);
    if (!status.job) notFound();
    return (
      <section className="section">
        <h1>Selection job</h1>
        <p className="muted small mono">{jobId}</p>
        <SelectionJobProgress jobId={jobId} initial={status} />
      </section>
    );
  });
}
