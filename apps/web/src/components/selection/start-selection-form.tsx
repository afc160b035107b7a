'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { selectionJobHref } from '@/lib/routes';
import { startSelectionAction } from './selection-actions';
import styles from './selection.module.css';

const METHODS = ['MONA', 'BM25', 'EMBEDDING', 'HIDDEN', 'RANDOM'] as const;

interface StartSelectionFormProps {
  pools: { id: string; sampleCount: number }[];
  saeIds: string[];
}

/** Starts a selection job (pool, SAE, method, ratio, target examples) and opens its progress page. */
export function StartSelectionForm({ pools, saeIds }: StartSelectionFormProps) {
  const router = useRouter();
  const [poolId, setPoolId] = useState(pools[0]?.id ?? '');
  const [saeId, setSaeId] = useState(saeIds[0] ?? '');
  const [method, setMethod] = useState<(typeof METHODS)[number]>('MONA');
  const [ratio, setRatio] = useState(0.05);
  const [targets, setTargets] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await startSelectionAction({ poolId, saeId: saeId || undefined, method, ratio, targets });
      if (!result.ok) return setError(`${result.message} [${result.code}]`);
      router.push(selectionJobHref(result.value.id));
    });
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-busy={pending} data-testid="start-selection-form">
      <div className={styles.row}>
        <label>
          Pool{' '}
          <select value={poolId} onChange={(event) => setPoolId(event.target.value)}>
            {pools.map((pool) => <option key={pool.id} value={pool.id}>{pool.id} ({pool.sampleCount})</option>)}
          </select>
        </label>
        <label>
          SAE{' '}
          <select value={saeId} onChange={(event) => setSaeId(event.target.value)}>
            <option value="">none (bm25, embedding, random)</option>
            {saeIds.map((id) => <option key={id} value={id}>{id}</option>)}
          </select>
        </label>
        <label>
          Method{' '}
          <select value={method} onChange={(event) => setMethod(event.target.value as (typeof METHODS)[number])}>
            {METHODS.map((name) => <option key={name} value={name}>{name.toLowerCase()}</option>)}
          </select>
        </label>
        <label>
          Keep{' '}
          <input type="number" min={0.001} max={1} step={0.001} value={ratio} onChange={(event) => setRatio(Number(event.target.value))} /> of the pool
        </label>
      </div>
      <label>
        Target examples, one per line (up to 1,000)
        <textarea className={styles.targets} value={targets} onChange={(event) => setTargets(event.target.value)} />
      </label>
      <button className="button" type="submit" disabled={pending || pools.length === 0}>{pending ? 'Starting…' : 'Run selection'}</button>
      {error && <p role="alert" className={styles.error}>{error}</p>}
    </form>
  );
}
