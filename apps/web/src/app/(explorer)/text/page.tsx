import type { Metadata } from 'next';
import { renderFromApi } from '@/components/render-from-api';
import { TextFeatures } from '@/components/text-features';
import { isApiError } from '@/lib/graphql';
import { MAX_URL_TEXT_CHARS, textPageParams, type RawSearchParams } from '@/lib/params';
import { getModels } from '@/lib/queries/models';
import { featuresForText } from '@/lib/queries/search';

export const metadata: Metadata = { title: 'Features in your text' };

interface TextPageProps {
  searchParams: Promise<RawSearchParams>;
}

/**
 * `/text?sae=…&text=…`: paste a text, pick an SAE, and see which of its features fire on each
 * token and over the whole text. A GET form, so the answer has a shareable URL.
 */
export default async function TextPage({ searchParams }: TextPageProps) {
  const { sae, text } = textPageParams.parse(await searchParams);
  return renderFromApi(async () => {
    const saes = (await getModels()).flatMap((model) => model.saes.map((entry) => ({ id: entry.id, model: model.displayName })));
    const saeId = sae ?? saes[0]?.id;
    return (
      <>
        <h1>Features in your text</h1>
        <form className="text-form" method="get" action="/text">
          <label htmlFor="text-sae">SAE</label>
          <select id="text-sae" name="sae" defaultValue={saeId}>
            {saes.map((entry) => <option key={entry.id} value={entry.id}>{entry.id} ({entry.model})</option>)}
          </select>
          <label htmlFor="text-input">Text (up to {MAX_URL_TEXT_CHARS.toLocaleString('en-US')} characters, so the link can be shared)</label>
          <textarea id="text-input" name="text" defaultValue={text ?? ''} maxLength={MAX_URL_TEXT_CHARS} required placeholder="Call me Ishmael. Some years ago…" />
          <div><button type="submit">Find features</button></div>
        </form>
        {saeId && text !== undefined ? <Answer saeId={saeId} text={text} /> : null}
      </>
    );
  });
}

async function Answer({ saeId, text }: { saeId: string; text: string }) {
  if (text.length > MAX_URL_TEXT_CHARS) {
    return <p className="notice" role="alert">The text is {text.length.toLocaleString('en-US')} characters; this page takes {MAX_URL_TEXT_CHARS.toLocaleString('en-US')} (the API takes up to 64 KiB: use `atlas features-for-text` or GraphQL for longer ones).</p>;
  }
  try {
    const answer = await featuresForText({ saeId, text, topK: 5 });
    return <TextFeatures saeId={saeId} answer={answer} />;
  } catch (error) {
    // Say what the API said for a text it will not run (empty, too long), an unknown SAE, or files not on the server.
    for (const code of ['BAD_USER_INPUT', 'NOT_FOUND', 'MODEL_UNAVAILABLE', 'RATE_LIMITED'] as const) {
      if (isApiError(error, code)) return <p className="notice" role="alert">{error.message}</p>;
    }
    throw error;
  }
}
