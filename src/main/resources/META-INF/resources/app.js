/* VitalStream web page: upload, configure, run a job, watch it, compare raw and filtered. */
'use strict';

const $ = (sel) => document.querySelector(sel);
const state = { token: sessionStorage.getItem('vitalstream-token') || '', upload: null, fs: null, job: null, ws: null,
  charts: [], view: null, samples: 0 };

// ---------------------------------------------------------------- HTTP with the token and problem+json

function authHeaders(extra = {}) {
  return state.token ? { ...extra, Authorization: `Bearer ${state.token}` } : extra;
}

function withToken(url) {
  if (!state.token) return url;
  return url + (url.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(state.token);
}

class Problem extends Error {
  constructor(p) { super(p.detail || p.title || 'request failed'); this.problem = p; }
}

async function api(path, options = {}) {
  const res = await fetch(path, { ...options, headers: authHeaders(options.headers || {}) });
  const type = res.headers.get('content-type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    throw new Problem(typeof body === 'object' ? body : { status: res.status, detail: String(body) });
  }
  return body;
}

function showError(err) {
  clearFieldErrors();
  const p = err instanceof Problem ? err.problem : { detail: String(err.message || err) };
  if (p.status === 401) {
    p.detail = (p.detail || '') + ' — enter the API token at the top of the page.';
    $('#token').focus();
  }
  const field = p.field && document.querySelector(`[data-error-for="${CSS.escape(p.field)}"]`);
  if (field) {
    field.textContent = p.detail;
    const input = document.getElementById(p.field) || document.getElementById('p-' + p.field);
    if (input) { input.classList.add('invalid'); input.setAttribute('aria-invalid', 'true'); input.focus(); }
  } else {
    const box = $('#error');
    box.textContent = p.detail;
    box.hidden = false;
  }
}

function clearFieldErrors() {
  $('#error').hidden = true;
  document.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
  document.querySelectorAll('.invalid').forEach((e) => { e.classList.remove('invalid'); e.removeAttribute('aria-invalid'); });
}

// ---------------------------------------------------------------- filter parameter form

// The form is built from the method registry (GET /api/filtering/methods): the same table the
// server checks every parameter against, so the page offers exactly what the server takes, with
// the server's defaults. Only the response semantics of frequency filters live here (which
// cut-offs a low-pass, high-pass or notch uses).
let REGISTRY = null;

async function loadRegistry() {
  const res = await fetch('/api/filtering/methods');
  REGISTRY = await res.json();
  renderParams();
}

function responseApplies(name, values) {
  const type = values.filter_type || 'bandpass';
  if (name === 'low_freq') return type !== 'lowpass' && type !== 'low' && type !== 'notch';
  if (name === 'high_freq') return type !== 'highpass' && type !== 'high' && type !== 'notch';
  if (name === 'filter_order') return type !== 'notch';
  if (name === 'notch_freq' || name === 'quality_factor') return type === 'notch';
  return true;
}

function label(p) {
  const words = p.name.replace(/_/g, ' ');
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  return text + (p.unit ? ` (${p.unit})` : '') + (p.aliases && p.aliases.length ? ` [${p.aliases.join(', ')}]` : '');
}

function fieldsFor(category, values) {
  if (!REGISTRY) return [];
  const entries = REGISTRY.methods.filter((m) => m.category === category);
  const selector = category === 'traditional' ? 'filter_family' : 'method';
  const names = entries.map((m) => m.name);
  const chosen = names.includes(values[selector]) ? values[selector] : names[0];
  const entry = entries.find((m) => m.name === chosen);
  const fields = [{ name: selector, label: category === 'traditional' ? 'Family' : 'Method', type: 'select', options: names, value: chosen,
    title: entry.description }];
  const frequency = category === 'traditional' && entry.params.some((p) => p.name === 'filter_type');
  for (const p of entry.params) {
    if (p.type === 'list') continue;
    if (frequency && !responseApplies(p.name, values)) continue;
    const f = { name: p.name, label: label(p), title: p.description };
    if (p.type === 'choice') {
      f.type = 'select';
      f.options = p.choices;
      f.value = p.default_value;
    } else if (p.type === 'boolean') {
      f.type = 'checkbox';
      f.value = p.default_value;
    } else {
      f.type = 'number';
      if (p.default_value !== null && p.default_value !== undefined) f.value = p.default_value;
      else if (p.name === 'low_freq') f.value = 0.5;
      else if (p.name === 'high_freq') f.value = 40;
    }
    fields.push(f);
  }
  return fields;
}

function currentParams() {
  const p = { category: $('#category').value };
  document.querySelectorAll('#params [data-param]').forEach((el) => {
    const name = el.dataset.param;
    if (el.type === 'checkbox') p[name] = el.checked;
    else if (el.value === '') return;
    else if (el.type === 'number') p[name] = Number(el.value);
    else p[name] = el.value;
  });
  return p;
}

function renderParams() {
  const category = $('#category').value;
  const previous = currentParams();
  const box = $('#params');
  box.innerHTML = '';
  const values = { ...previous };
  for (const f of fieldsFor(category, values)) {
    const wrap = document.createElement('div');
    wrap.className = 'field';
    const id = 'p-' + f.name;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = f.label;
    if (f.title) label.title = f.title;
    let input;
    if (f.type === 'select') {
      input = document.createElement('select');
      for (const o of f.options) input.append(new Option(o, o));
      input.value = values[f.name] !== undefined && f.options.includes(String(values[f.name])) ? String(values[f.name]) : (f.value ?? f.options[0]);
      input.addEventListener('change', renderParams);
    } else {
      input = document.createElement('input');
      input.type = f.type;
      if (f.type === 'checkbox') input.checked = values[f.name] ?? f.value ?? false;
      else {
        input.step = 'any';
        const v = values[f.name] ?? f.value;
        if (v !== undefined) input.value = v;
      }
    }
    input.id = id;
    input.dataset.param = f.name;
    const err = document.createElement('span');
    err.className = 'field-error';
    err.dataset.errorFor = f.name;
    wrap.append(label, input, err);
    box.append(wrap);
  }
}

// ---------------------------------------------------------------- upload and examples

function describeUpload(u) {
  $('#upload-info').textContent = `Using ${u.filename}: ${(u.bytes / 1e6).toFixed(2)} MB, sha256 ${u.sha256.slice(0, 12)}…`;
}

$('#upload-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  clearFieldErrors();
  const file = $('#file').files[0];
  if (!file) return;
  const xhr = new XMLHttpRequest();
  xhr.open('POST', '/api/uploads?filename=' + encodeURIComponent(file.name));
  xhr.setRequestHeader('Content-Type', 'application/octet-stream');
  if (state.token) xhr.setRequestHeader('Authorization', `Bearer ${state.token}`);
  xhr.upload.onprogress = (e) => {
    if (e.lengthComputable) setUploadProgress(100 * e.loaded / e.total);
  };
  xhr.onload = () => {
    let body = {};
    try { body = JSON.parse(xhr.responseText); } catch (e) { /* not json */ }
    if (xhr.status === 201) {
      setUploadProgress(100);
      state.upload = body;
      describeUpload(body);
    } else {
      showError(new Problem(body.status ? body : { status: xhr.status, detail: xhr.statusText }));
    }
  };
  xhr.onerror = () => showError(new Error('the upload failed (network error)'));
  setUploadProgress(0);
  xhr.send(file);
});

function setUploadProgress(p) {
  $('#upload-progress').value = p;
  $('#upload-percent').textContent = `${p.toFixed(0)} %`;
}

$('#example-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearFieldErrors();
  try {
    const name = $('#example').value;
    const u = await api('/api/uploads/examples/' + encodeURIComponent(name), { method: 'POST' });
    state.upload = u;
    $('#sampling_freq').value = u.sampling_freq;
    setUploadProgress(100);
    describeUpload(u);
  } catch (e) { showError(e); }
});

async function loadExamples() {
  try {
    const list = await api('/api/examples');
    const sel = $('#example');
    sel.innerHTML = '';
    for (const e of list) sel.append(new Option(`${e.name} — ${e.description}`, e.name));
  } catch (e) { showError(e); }
}

// ---------------------------------------------------------------- jobs

$('#filter-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearFieldErrors();
  if (!state.upload) { showError(new Error('choose a signal first: upload a file or use an example')); return; }
  const body = {
    input: { upload_id: state.upload.upload_id },
    signal_type: $('#signal_type').value,
    filter_params: currentParams(),
    output_format: $('#output_format').value,
  };
  if ($('#sampling_freq').value) body.sampling_freq = Number($('#sampling_freq').value);
  if ($('#strategy').value) body.strategy = $('#strategy').value;
  try {
    const job = await api('/api/filtering/jobs', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    startWatching(job.request_id);
    setJobStatus(`Job ${job.request_id.slice(0, 8)} queued (strategy ${job.strategy}).`, 0);
    refreshHistory();
  } catch (e) { showError(e); }
});

function setJobStatus(text, progress) {
  $('#job-status').textContent = text;
  if (progress !== undefined) {
    const p = Math.round(progress * 1000) / 10;
    $('#job-progress').value = p;
    $('#job-percent').textContent = `${p.toFixed(p === 100 ? 0 : 1)} %`;
  }
}

function startWatching(id) {
  state.job = id;
  $('#cancel').disabled = false;
  $('#download').hidden = true;
  connectSocket();
  if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify({ subscribe: id }));
  pollUntilDone(id);
}

function connectSocket() {
  if (state.ws && state.ws.readyState <= WebSocket.OPEN) return;
  const proto = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(withToken(`${proto}://${location.host}/ws/filtering-progress`));
  state.ws = ws;
  ws.onopen = () => { if (state.job) ws.send(JSON.stringify({ subscribe: state.job })); };
  ws.onmessage = (ev) => {
    const m = JSON.parse(ev.data);
    if (m.request_id !== state.job) return;
    if (m.type === 'filtering_progress') {
      setJobStatus(`${m.message} — ${m.state}`, m.progress);
    } else if (m.type === 'filtering_complete') {
      finished(m.request_id, 'completed', m.message);
    } else if (m.type === 'filtering_cancelled') {
      finished(m.request_id, 'cancelled', 'Cancelled');
    } else if (m.type === 'filtering_error') {
      finished(m.request_id, 'failed', m.error || m.message);
    }
  };
  ws.onclose = () => { state.ws = null; };
}

/** The WebSocket drives the page; polling is the safety net if it drops. */
async function pollUntilDone(id) {
  while (state.job === id) {
    await new Promise((r) => setTimeout(r, 1500));
    if (state.job !== id) return;
    try {
      const s = await api('/api/filtering/jobs/' + id);
      if (['completed', 'failed', 'cancelled'].includes(s.state)) { finished(id, s.state, s.error); return; }
      if (!state.ws) setJobStatus(`Processing chunk ${s.chunks_done}/${s.chunks_total} — ${s.state}`, s.progress);
    } catch (e) { /* transient */ }
  }
}

async function finished(id, outcome, message) {
  if (state.job !== id) return;
  state.job = null;
  $('#cancel').disabled = true;
  if (outcome === 'completed') {
    setJobStatus(message && message.startsWith('Completed') ? message : `Completed ${message || ''}`, 1);
    const link = $('#download');
    link.href = withToken(`/api/filtering/jobs/${id}/result`);
    link.hidden = false;
    await showJob(id);
  } else if (outcome === 'cancelled') {
    setJobStatus('Cancelled: the job stopped and published no result.');
  } else {
    setJobStatus(`Failed: ${message}`);
  }
  refreshHistory();
  refreshStats();
}

$('#cancel').addEventListener('click', async () => {
  const id = state.job;
  if (!id) return;
  try {
    await api('/api/filtering/cancel/' + id, { method: 'POST' });
    setJobStatus('Cancelling…');
  } catch (e) { showError(e); }
});

// ---------------------------------------------------------------- plots

function plotWidth() { return Math.max(260, Math.min(1150, document.querySelector('#plots').clientWidth - 20)); }

window.addEventListener('resize', () => {
  state.charts.forEach((c) => c.setSize({ width: plotWidth(), height: 220 }));
  if (state.responseChart) state.responseChart.setSize({ width: Math.min(1150, $('#response-plot').clientWidth || 600), height: 240 });
});

async function showJob(id) {
  state.shown = id;
  state.view = null;
  await drawPreview();
  showQuality(id);
}

async function drawPreview(start, end) {
  const id = state.shown;
  if (!id) return;
  let url = `/api/filtering/jobs/${id}/preview?max_points=${Math.min(4000, 2 * plotWidth())}`;
  if (start !== undefined) url += `&start=${Math.max(0, Math.floor(start))}&end=${Math.ceil(end)}`;
  const p = await api(url);
  const input = p.input;
  const output = p.output;
  state.fs = input.sampling_freq;
  state.samples = state.samples || input.end;
  const box = $('#plots');
  const channels = input.min.length;
  if (state.charts.length !== channels || start === undefined) {
    state.charts.forEach((c) => c.destroy());
    state.charts = [];
    box.innerHTML = '';
    for (let c = 0; c < channels; c++) {
      const div = document.createElement('div');
      div.className = 'channel';
      div.setAttribute('role', 'img');
      div.setAttribute('aria-label', `channel ${input.channel_names[c]}: raw in grey, filtered in blue`);
      box.append(div);
      const opts = {
        title: `${input.channel_names[c]}`,
        width: plotWidth(), height: 220,
        scales: { x: { time: false } },
        axes: [{ label: 'seconds' }, {}],
        series: [{ label: 't (s)' },
          { label: 'raw max', stroke: '#9aa4b2', width: 1 }, { label: 'raw min', stroke: '#c4cad3', width: 1 },
          { label: 'filtered max', stroke: '#1f6feb', width: 1.5 }, { label: 'filtered min', stroke: '#58a6ff', width: 1.5 }],
        hooks: { setSelect: [(u) => zoomTo(u)] },
        cursor: { drag: { x: true, y: false } },
      };
      state.charts.push(new uPlot(opts, seriesFor(input, output, c), div));
    }
  } else {
    state.charts.forEach((chart, c) => chart.setData(seriesFor(input, output, c)));
  }
  state.view = { start: input.start, end: input.end };
}

function seriesFor(input, output, c) {
  const nan = input.time.map(() => null);
  return [input.time, input.max[c], input.min[c], output ? output.max[c] : nan, output ? output.min[c] : nan];
}

function zoomTo(u) {
  if (u.select.width < 5) return;
  const t0 = u.posToVal(u.select.left, 'x');
  const t1 = u.posToVal(u.select.left + u.select.width, 'x');
  u.setSelect({ width: 0, height: 0 }, false);
  drawPreview(t0 * state.fs, t1 * state.fs);
}

function zoomBy(factor) {
  if (!state.view || !state.shown) return;
  const mid = (state.view.start + state.view.end) / 2;
  const half = Math.max(8, (state.view.end - state.view.start) * factor / 2);
  drawPreview(Math.max(0, mid - half), Math.min(state.samples, mid + half));
}

$('#zoom-in').addEventListener('click', () => zoomBy(0.5));
$('#zoom-out').addEventListener('click', () => zoomBy(2));
$('#zoom-reset').addEventListener('click', () => { if (state.shown) drawPreview(); });
document.addEventListener('dblclick', (e) => { if (e.target.closest('#plots') && state.shown) drawPreview(); });

$('#response-button').addEventListener('click', async () => {
  clearFieldErrors();
  const fs = Number($('#sampling_freq').value) || 500;
  try {
    const r = await api('/api/filtering/design', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ sampling_freq: fs, filter_params: currentParams(), points: 512 }) });
    const box = $('#response-plot');
    box.innerHTML = '';
    if (state.responseChart) state.responseChart.destroy();
    const floor = Math.max(-120, Math.min(...r.magnitude_db) - 5);
    state.responseChart = new uPlot({
      title: 'Frequency response', width: Math.min(1150, box.clientWidth || 600), height: 240,
      scales: { x: { time: false }, db: { range: [floor, 10] }, deg: { range: [-180, 180] } },
      axes: [{ label: 'Hz' }, { scale: 'db', label: 'dB' }, { scale: 'deg', side: 1, label: 'degrees', grid: { show: false } }],
      series: [{}, { label: 'magnitude (dB)', scale: 'db', stroke: '#1f6feb', width: 2 },
        { label: 'phase (deg)', scale: 'deg', stroke: '#d4a72c', width: 1 }],
    }, [r.frequencies, r.magnitude_db.map((v) => Math.max(v, floor)), r.phase_deg], box);
  } catch (e) { showError(e); }
});

// ---------------------------------------------------------------- quality, history, statistics

async function showQuality(id) {
  const box = $('#quality');
  try {
    const q = await api(`/api/filtering/jobs/${id}/quality?channel=0&seconds=300`);
    const fmt = (v) => (typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : v);
    box.classList.remove('muted');
    box.innerHTML = `<p>Channel 0, first 5 minutes: <strong class="level-${q.level}">${q.level}</strong> (score ${fmt(q.score)}, ${q.segments.length} segments)</p>
      <dl class="stats">
        <dt>SNR improvement</dt><dd>${fmt(q.snr_improvement_db)} dB</dd>
        <dt>Correlation with input</dt><dd>${fmt(q.pearson_correlation)}</dd>
        <dt>MSE</dt><dd>${fmt(q.mse)}</dd>
        <dt>Spectral centroid</dt><dd>${fmt(q.spectral_centroid_hz)} Hz</dd>
        <dt>Spectral roll-off (85 %)</dt><dd>${fmt(q.spectral_rolloff_hz)} Hz</dd>
        <dt>Bandwidth</dt><dd>${fmt(q.spectral_bandwidth_hz)} Hz</dd>
        <dt>RMS</dt><dd>${fmt(q.statistics.rms)}</dd>
        <dt>Kurtosis</dt><dd>${fmt(q.statistics.kurtosis)}</dd>
        <dt>Zero-crossing rate</dt><dd>${fmt(q.zero_crossing_rate)}</dd>
      </dl>`;
  } catch (e) { box.textContent = 'Quality not available: ' + e.message; }
}

async function refreshHistory() {
  try {
    const jobs = await api('/api/filtering/jobs');
    const body = $('#history tbody');
    body.innerHTML = '';
    for (const j of jobs.slice(0, 50)) {
      const tr = document.createElement('tr');
      const result = j.state === 'completed' ? `<a href="${withToken(`/api/filtering/jobs/${j.request_id}/result`)}" download>${j.output_format}</a>` : '';
      tr.innerHTML = `<td>${new Date(j.created_at).toLocaleString()}</td><td>${escapeHtml(j.input_name || '')}</td><td>${j.state}</td>
        <td>${j.strategy || ''}</td><td>${result}</td><td></td>`;
      if (j.state === 'completed') {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = 'Show';
        b.addEventListener('click', () => showJob(j.request_id));
        tr.lastElementChild.append(b);
      }
      body.append(tr);
    }
  } catch (e) { /* shown elsewhere */ }
}

async function refreshStats() {
  try {
    const s = await api('/api/filtering/statistics');
    const dl = $('#stats');
    const rows = [['Requests', s.total_requests], ['Jobs', s.heavy_data_requests], ['Running', s.active_requests],
      ['Completed', s.completed], ['Failed', s.failed], ['Cancelled', s.cancelled],
      ['Mean time', `${s.average_processing_time.toFixed(0)} ms`], ['Peak memory', `${s.memory_usage_peak} MB`],
      ['Cache hits / misses', `${s.cache_hits} / ${s.cache_misses}`]];
    dl.innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('');
  } catch (e) { /* shown elsewhere */ }
}

function escapeHtml(s) { return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }

// ---------------------------------------------------------------- token and start-up

$('#token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  state.token = $('#token').value.trim();
  sessionStorage.setItem('vitalstream-token', state.token);
  $('#token-state').textContent = state.token ? 'token set for this session' : 'no token';
  if (state.ws) state.ws.close();
  init();
});

$('#category').addEventListener('change', () => { $('#params').innerHTML = ''; renderParams(); });

function init() {
  clearFieldErrors();
  loadExamples();
  refreshHistory();
  refreshStats();
}

$('#token').value = state.token;
if (state.token) $('#token-state').textContent = 'token set for this session';
loadRegistry();
init();
