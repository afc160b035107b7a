// `npm start`'s first minutes: while the web app and the demo atlas are built, this small server
// answers on the web port with a page showing the build's progress (stage, rate, ETA), read from the
// progress file the build writes (ATLAS_PROGRESS_FILE). When the atlas is ready it closes and the
// web app takes the port; the page notices (its progress URL stops answering JSON) and reloads.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

export const PROGRESS_PATH = '/__atlas/start-progress';

/**
 * Serves the progress page on host:port. `status()` says what start is doing beside the build
 * (e.g. the web app's own build); resolves once listening.
 */
export function serveProgressPage({ port, host, progressFile, status }) {
  const startedAt = Date.now();
  const server = createServer(async (request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '10' });
      response.end('The atlas is still being built; try again when the page says it is ready.\n');
      return;
    }
    if (request.url === PROGRESS_PATH) {
      let build = null;
      try {
        build = JSON.parse(await readFile(progressFile, 'utf8'));
      } catch {
        // not written yet (the build is starting), or being replaced: the page shows what it has
      }
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      response.end(JSON.stringify({ elapsedSeconds: (Date.now() - startedAt) / 1000, status: status(), build }));
      return;
    }
    // Every other path gets the page (503: not the atlas yet), so a deep link works once it is ready.
    response.writeHead(503, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'retry-after': '5' });
    response.end(PAGE);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({
      close: () => new Promise((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
    }));
  });
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Building the atlas · Feature Atlas</title>
<style>
  :root { color-scheme: light dark; --fg: #1d1d1f; --muted: #5b5b66; --bg: #fafafa; --card: #fff; --line: #d9d9de; --accent: #b45309; }
  @media (prefers-color-scheme: dark) { :root { --fg: #ececf1; --muted: #a6a6b3; --bg: #15151a; --card: #1e1e25; --line: #3a3a44; --accent: #f59e0b; } }
  body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
  main { max-width: 40rem; margin: 0 auto; padding: 2rem 1rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  p { color: var(--muted); margin: .25rem 0 1rem; }
  section { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem; margin-bottom: 1rem; }
  progress { width: 100%; height: 1rem; accent-color: var(--accent); }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: .75rem 0 0; }
  dt { color: var(--muted); } dd { margin: 0; font-variant-numeric: tabular-nums; }
  ol { margin: 0; padding-left: 1.25rem; font-variant-numeric: tabular-nums; }
  li span { color: var(--muted); }
</style>
</head>
<body>
<main>
  <h1>Building the atlas</h1>
  <p id="summary" role="status" aria-live="polite">The first start builds the demo atlas (later starts are ready in seconds). This page follows it and opens the atlas when it is ready.</p>
  <section aria-labelledby="now-title">
    <h2 id="now-title" style="font-size:1rem;margin:0 0 .5rem">Now: <span id="stage">starting…</span></h2>
    <progress id="bar" max="1" value="0" aria-labelledby="now-title"></progress>
    <dl>
      <dt>Done</dt><dd id="done">–</dd>
      <dt>Rate</dt><dd id="rate">–</dd>
      <dt>Stage ETA</dt><dd id="eta">–</dd>
      <dt>Elapsed</dt><dd id="elapsed">–</dd>
      <dt>Web app</dt><dd id="web">–</dd>
    </dl>
  </section>
  <section aria-labelledby="done-title">
    <h2 id="done-title" style="font-size:1rem;margin:0 0 .5rem">Finished stages</h2>
    <ol id="finished"><li><span>none yet</span></li></ol>
  </section>
</main>
<script>
const $ = (id) => document.getElementById(id);
const number = (n) => n >= 1e6 ? (n / 1e6).toFixed(2) + 'M' : n >= 1e4 ? (n / 1e3).toFixed(1) + 'k' : String(Math.round(n));
const duration = (s) => s == null ? '–' : s >= 3600 ? Math.floor(s / 3600) + ' h ' + Math.round((s % 3600) / 60) + ' min' : s >= 60 ? Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s' : Math.round(s) + ' s';
let answered = false;
async function poll() {
  try {
    const response = await fetch('${PROGRESS_PATH}', { cache: 'no-store' });
    const type = response.headers.get('content-type') || '';
    // The atlas took the port: this URL is no longer ours. Open the atlas.
    if (!type.startsWith('application/json')) return location.reload();
    const { elapsedSeconds, status, build } = await response.json();
    answered = true;
    $('elapsed').textContent = duration(elapsedSeconds);
    $('web').textContent = status.web;
    $('summary').textContent = status.message;
    if (build) {
      const stage = build.stage;
      $('stage').textContent = stage ? stage.name + ' (' + build.title + ')' : 'between stages (' + build.title + ')';
      $('bar').max = stage && stage.total > 0 ? stage.total : 1;
      $('bar').value = stage ? Math.min(stage.done, stage.total) : 0;
      $('done').textContent = stage ? number(stage.done) + ' / ' + number(stage.total) + ' ' + stage.unit : '–';
      $('rate').textContent = stage && stage.rate ? number(stage.rate) + ' ' + stage.unit + '/s' : '–';
      $('eta').textContent = stage ? duration(stage.etaSeconds) : '–';
      const list = $('finished');
      list.replaceChildren(...(build.finished.length ? build.finished : [{ name: 'none yet' }]).map((item) => {
        const li = document.createElement('li');
        li.textContent = item.name + ' ';
        const span = document.createElement('span');
        span.textContent = item.seconds == null ? '' : duration(item.seconds) + ', ' + number(item.total) + ' ' + item.unit;
        li.append(span);
        return li;
      }));
    }
  } catch {
    // Between this server closing and the atlas answering: try again shortly. If we had answered, the atlas is coming up.
    if (answered) $('summary').textContent = 'The atlas is starting…';
  }
  setTimeout(poll, 1000);
}
poll();
</script>
</body>
</html>
`;
