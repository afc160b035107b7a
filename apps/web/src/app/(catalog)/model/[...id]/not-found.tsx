import Link from 'next/link';

export default function ModelNotFound() {
  return (
    <section className="notice not-found">
      <h1>No such model</h1>
      <p>
        The atlas has no model with that id. Model ids look like <code>demo-lm</code>.
      </p>
      <p>
        <Link href="/">See every model in the atlas</Link>
      </p>
    </section>
  );
}
