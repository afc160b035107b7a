import Link from 'next/link';

export default function SaeNotFound() {
  return (
    <section className="notice not-found">
      <h1>No such SAE</h1>
      <p>
        The atlas has no SAE with that id. SAE ids look like <code>demo-lm/blocks.2.hook_resid_post/topk-4096</code>:
        model, hook, then the SAE&apos;s name.
      </p>
      <p>
        <Link href="/">See every model and its SAEs</Link>
      </p>
    </section>
  );
}
