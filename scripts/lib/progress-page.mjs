// `npm start`'s first answer: while the demo atlas and the web app build, this small server holds
// the web port and shows every page as the build's progress (stage, done/total, rate, ETA,
// elapsed), read from the JSON file the build writes (`atlas build-demo --progress-file`). It
// reads no database: the build process owns the embedded PGlite until it finishes.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/** Every response of this server carries it, so the page (and tests) can tell it from the atlas. */
export const PROGRESS_HEADER = 'x-atlas-first-start';
export const PROGRESS_PATH = '/__atlas/progress';

/**
 * Serves the progress page on `host`:`port` at once. `state()` says what the start script is doing:
 * `{ phase, webBuild }` (phase: 'building' | 'starting' | 'failed'); the build's stages come from
 * `progressFile`. `close()` frees the port for the web app.
 */
export async function serveProgressPage({ port, host, progressFile, state }) {
  const started = Date.now();
  const snapshot = () => ({
    ...state(),
    elapsedSeconds: Math.round((Date.now() - started) / 1000),
    build: readSnapshot(progressFile),
  });
  const server = createServer((request, response) => {
    response.setHeader(PROGRESS_HEADER, '1');
    response.setHeader('cache-control', 'no-store');
    response.setHeader('retry-after', '2');
    if (request.url?.startsWith(PROGRESS_PATH)) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(snapshot()));
      return;
    }
    // 503: the atlas is not there yet; browsers show the body, crawlers and probes retry later.
    response.writeHead(503, { 'content-type': 'text/html; charset=utf-8' }).end(renderPage(snapshot()));
  });
  // `host` undefined: every interface (as Node does); `npm start` passes 127.0.0.1 unless HOST says otherwise.
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return {
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function readSnapshot(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null; // Not written yet (the build is still loading), or being replaced this instant.
  }
}

const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Seconds as "1 min 05 s" / "42 s"; "—" when unknown. */
export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const whole = Math.round(seconds);
  return whole >= 60 ? `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s` : `${whole} s`;
}

export function formatRate(value) {
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e3) return `${(value / 1e3).toFixed(1)}k`;
  return value.toFixed(value >= 10 ? 0 : 1);
}

function headline(state) {
  if (state.phase === 'failed') return 'The demo atlas build failed: see the terminal that runs npm start, then run npm start again (it resumes).';
  if (state.phase === 'starting') return 'The atlas is built; starting the API and the web app…';
  return 'Building the demo atlas. This page is replaced by the atlas when it is ready.';
}

function stageRows(build) {
  if (!build || build.stages.length === 0) return '<tr><td colspan="6">Loading the demo model and corpus…</td></tr>';
  return build.stages.map((s) => {
    const percent = s.total > 0 ? Math.min(100, (100 * s.done) / s.total).toFixed(0) : '0';
    const status = s.finishedAt ? 'done' : `${percent}%`;
    return `<tr><td>${escapeHtml(s.stage)}</td><td>${status}</td><td>${s.done.toLocaleString('en')} / ${s.total.toLocaleString('en')} ${escapeHtml(s.unit)}</td>` +
      `<td>${s.finishedAt ? '' : `${formatRate(s.rate)} ${escapeHtml(s.unit)}/s`}</td><td>${s.finishedAt ? '' : formatDuration(s.etaSeconds)}</td></tr>`;
  }).join('');
}

/** The page; its script re-renders from PROGRESS_PATH every 2 s and reloads once the atlas answers instead. */
export function renderPage(state) {
  const current = state.build?.stages.at(-1);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Building the atlas · Feature Atlas</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:52rem;margin:3rem auto;padding:0 1rem;color:#1d1d1f}
table{border-collapse:collapse;width:100%}td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}
#note{color:#666}</style></head><body>
<h1>Feature Atlas is starting</h1>
<p id="headline" role="status">${escapeHtml(headline(state))}</p>
<p>Elapsed <strong id="elapsed">${formatDuration(state.elapsedSeconds)}</strong> · current stage
<strong id="current">${escapeHtml(current?.stage ?? 'loading')}</strong> · web app build: <span id="web">${escapeHtml(state.webBuild)}</span></p>
<table><thead><tr><th>stage</th><th>status</th><th>done / total</th><th>rate</th><th>ETA</th></tr></thead>
<tbody id="stages">${stageRows(state.build)}</tbody></table>
<p id="note">Stages run in order; an ETA is for its own stage. Nothing of the atlas is shown until its database write finishes (one transaction).</p>
<script>
const fmt=${formatDuration.toString()};const rate=${formatRate.toString()};
const esc=(t)=>String(t).replace(/[&<>"']/g,(c)=>'&#'+c.charCodeAt(0)+';');
async function poll(){
  try{
    const r=await fetch('${PROGRESS_PATH}',{cache:'no-store'});
    if(!r.headers.has('${PROGRESS_HEADER}')){location.reload();return;}
    const s=await r.json();
    document.getElementById('elapsed').textContent=fmt(s.elapsedSeconds);
    document.getElementById('web').textContent=s.webBuild;
    const stages=(s.build&&s.build.stages)||[];
    document.getElementById('current').textContent=stages.length?stages[stages.length-1].stage:'loading';
    document.getElementById('headline').textContent=${JSON.stringify({ failed: headline({ phase: 'failed' }), starting: headline({ phase: 'starting' }), building: headline({ phase: 'building' }) })}[s.phase];
    if(stages.length)document.getElementById('stages').innerHTML=stages.map((x)=>{const p=x.total>0?Math.min(100,100*x.done/x.total).toFixed(0):'0';
      return '<tr><td>'+esc(x.stage)+'</td><td>'+(x.finishedAt?'done':p+'%')+'</td><td>'+x.done.toLocaleString('en')+' / '+x.total.toLocaleString('en')+' '+esc(x.unit)+'</td><td>'+(x.finishedAt?'':rate(x.rate)+' '+esc(x.unit)+'/s')+'</td><td>'+(x.finishedAt?'':fmt(x.etaSeconds))+'</td></tr>';}).join('');
  }catch{
    // Between this page and the web app the port is briefly free: keep asking.
    document.getElementById('note').textContent='Waiting for the server… (if this lasts, npm start stopped: see its terminal)';
  }
  setTimeout(poll,2000);
}
setTimeout(poll,2000);
</script></body></html>`;
}
