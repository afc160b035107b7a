import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="notice not-found">
      <h1>Not in the atlas</h1>
      <p>There is no page here. Ids look like <code>demo-lm/blocks.2.hook_resid_post/topk-4096/123</code>.</p>
      <p>
        <Link href="/">Browse the models and their SAEs</Link>
      </p>
    </section>
  );
}
