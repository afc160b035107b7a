'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { importPoolAction } from './selection-actions';
import styles from './selection.module.css';

/** What the API takes in one request (its body limit is 1 MB); larger pools: `atlas import-pool`. */
const MAX_BYTES = 900_000;

/** Imports a JSONL or CSV file as a pool: the file is read in the browser and sent through a server action. */
export function ImportPoolForm() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [id, setId] = useState('');
  const [skipMalformed, setSkipMalformed] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return setMessage({ ok: false, text: 'Choose a .jsonl or .csv file.' });
    if (file.size > MAX_BYTES) {
      return setMessage({ ok: false, text: `The file has ${file.size.toLocaleString('en-US')} bytes; the page takes up to ${MAX_BYTES.toLocaleString('en-US')}. Import it with \`atlas import-pool --file ${file.name}\` (up to 64 MiB).` });
    }
    startTransition(async () => {
      const content = await file.text();
      const format = file.name.toLowerCase().endsWith('.csv') ? 'CSV' : 'JSONL';
      const result = await importPoolAction({ id: id || file.name.replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9._-]+/g, '-'), content, format, skipMalformed });
      if (!result.ok) return setMessage({ ok: false, text: `${result.message} [${result.code}]` });
      const skipped = result.value.skipped.length;
      setMessage({ ok: true, text: `Imported ${result.value.imported} samples as pool ${result.value.pool.id}${skipped ? `; ${skipped} malformed lines skipped` : ''}.` });
      router.refresh();
    });
  };

  return (
    <form className={styles.form} onSubmit={submit} aria-busy={pending} data-testid="import-pool-form">
      <label>
        File (.jsonl or .csv: <code>text</code>, or <code>prompt</code> + <code>response</code>; optional <code>id</code>)
        <input type="file" accept=".jsonl,.ndjson,.csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
      </label>
      <label>
        Pool id <input value={id} onChange={(event) => setId(event.target.value)} placeholder="default: the file name" />
      </label>
      <label className={styles.inline}>
        <input type="checkbox" checked={skipMalformed} onChange={(event) => setSkipMalformed(event.target.checked)} /> import the valid lines when some are malformed
      </label>
      <button className="button" type="submit" disabled={pending}>{pending ? 'Importing…' : 'Import pool'}</button>
      {message && <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'small' : styles.error}>{message.text}</p>}
    </form>
  );
}
