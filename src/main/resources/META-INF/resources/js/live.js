/* The live panel: an example recording streamed through /ws/filter-stream block by block, drawn as it comes back. */
import { $, api, withToken } from './http.js';
import { currentParams } from './params.js';

const WINDOW_SECONDS = 5;
let session = null;

export function installLive() {
  $('#live-start').addEventListener('click', start);
  $('#live-stop').addEventListener('click', () => stop('Stopped.'));
}

/** Fills the recording list (called with the examples the page already loaded). */
export function liveExamples(list) {
  const sel = $('#live-example');
  sel.innerHTML = '';
  for (const e of list) {
    const o = document.createElement('option');
    o.value = e.name;
    o.textContent = `${e.name} (${e.sampling_freq} Hz, ${e.channels} ch)`;
    sel.append(o);
  }
}

function stop(message) {
  if (!session) return;
  clearInterval(session.timer);
  if (session.ws.readyState <= 1) session.ws.close();
  session = null;
  $('#live-start').disabled = false;
  $('#live-stop').disabled = true;
  if (message) $('#live-status').textContent = message;
}

async function start() {
  stop();
  const status = $('#live-status');
  const name = $('#live-example').value;
  const speed = Number($('#live-speed').value);
  let ex;
  try {
    ex = await api(`/api/examples/${encodeURIComponent(name)}/samples?seconds=60`);
  } catch (e) { status.textContent = 'Could not load the recording: ' + e.message; return; }
  const params = currentParams();
  if ('zero_phase' in params) params.zero_phase = false; // a live stream runs the causal filter
  const fs = ex.sampling_freq;
  const block = Math.max(1, Math.round(fs / 10));
  const url = location.origin.replace(/^http/, 'ws') + withToken('/ws/filter-stream');
  const ws = new WebSocket(url);
  const s = { ws, timer: null, sent: 0, done: 0, inFlight: 0, t: [], raw: [], out: [], chart: null };
  session = s;
  $('#live-start').disabled = true;
  $('#live-stop').disabled = false;
  status.textContent = 'Connecting...';
  ws.onopen = () => ws.send(JSON.stringify({ sampling_freq: fs, channels: ex.channels, filter_params: params, format: 'json' }));
  ws.onerror = () => { if (session === s) stop('The stream failed (is the token set?).'); };
  ws.onclose = (e) => { if (session === s) stop(e.reason ? 'Closed: ' + e.reason : 'Closed.'); };
  ws.onmessage = (e) => {
    if (session !== s) return;
    const m = JSON.parse(e.data);
    if (m.type === 'error') { stop('Refused: ' + m.message); return; }
    if (m.type === 'stream_ready') {
      status.textContent = `Streaming at ${speed} x real time (latency ${m.latency_samples} samples)...`;
      s.timer = setInterval(() => send(s, ex, block), 100 / speed);
      return;
    }
    if (m.type !== 'filtered') return;
    s.inFlight--;
    for (let i = 0; i < m.samples.length; i++) {
      const k = m.first_frame + i;
      s.t.push(k / fs);
      s.raw.push(ex.samples[k][0]);
      s.out.push(m.samples[i][0]);
    }
    s.done += m.samples.length;
    const keep = Math.round(WINDOW_SECONDS * fs);
    if (s.t.length > keep) { s.t.splice(0, s.t.length - keep); s.raw.splice(0, s.raw.length - keep); s.out.splice(0, s.out.length - keep); }
    draw(s);
    status.textContent = `${s.done} frames filtered (${(s.done / fs).toFixed(1)} s of ${ex.samples.length / fs} s) at ${speed} x real time`;
    if (s.done >= ex.samples.length) stop(`Done: ${s.done} frames filtered live.`);
  };
}

function send(s, ex, block) {
  if (s.sent >= ex.samples.length) { clearInterval(s.timer); return; }
  if (s.inFlight > 8) return; // the server answers in order; do not run ahead of it
  const samples = ex.samples.slice(s.sent, s.sent + block);
  s.ws.send(JSON.stringify({ samples }));
  s.sent += samples.length;
  s.inFlight++;
}

function draw(s) {
  const box = $('#live-plot');
  const data = [s.t, s.raw, s.out];
  if (!s.chart) {
    box.innerHTML = '';
    s.chart = new uPlot({
      title: 'Live: first channel', width: Math.min(1150, box.clientWidth || 600), height: 220,
      scales: { x: { time: false } }, axes: [{ label: 'seconds' }, {}],
      series: [{ label: 't (s)' }, { label: 'raw', stroke: '#9aa4b2', width: 1 }, { label: 'filtered', stroke: '#1f6feb', width: 1.5 }],
    }, data, box);
  } else {
    s.chart.setData(data);
  }
}
