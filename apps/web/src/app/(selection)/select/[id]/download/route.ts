import { isApiError } from '@/lib/graphql';
import { selectionRouteParams } from '@/lib/params';
import { selectionJsonl } from '@/lib/queries/selection';

/**
 * The whole selection as one JSONL file: the API's `Selection.jsonl` pages (1,000 lines each,
 * bounded per request) streamed one after another, so the file has no size limit of its own.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const parsed = selectionRouteParams.safeParse(await params);
  if (!parsed.success) return new Response('Not a selection id.\n', { status: 404 });
  const { id } = parsed.data;
  const pages = selectionJsonl(id);
  // Read the first page before answering, so an unknown selection or a down API is a proper status.
  let first: IteratorResult<string>;
  try {
    first = await pages.next();
  } catch (error) {
    if (isApiError(error, 'API_UNREACHABLE')) return new Response(`${error.message}\n`, { status: 502 });
    throw error;
  }
  if (first.done) return new Response(`No selection ${id}.\n`, { status: 404 });
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await pages.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await pages.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'content-disposition': `attachment; filename="selection-${id}.jsonl"`,
      'cache-control': 'no-store',
    },
  });
}
