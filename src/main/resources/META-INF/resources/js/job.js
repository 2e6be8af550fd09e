/* A job: submitted from the form, watched over the progress WebSocket (polling as the safety net), cancelled. */
import { state } from './state.js';
import { $, api, clearFieldErrors, showError, withToken } from './http.js';
import { currentParams } from './params.js';
import { showJob } from './plots.js';
import { refreshHistory, refreshStats } from './history.js';

function setJobStatus(text, progress) {
  $('#job-status').textContent = text;
  if (progress !== undefined) {
    const p = Math.round(progress * 1000) / 10;
    $('#job-progress').value = p;
    $('#job-percent').textContent = `${p.toFixed(p === 100 ? 0 : 1)} %`;
  }
}

/** What the run reported for the user (the sample a PCA/ICA was fitted on, what a network trained on). */
async function showNotes(id) {
  const notes = $('#job-notes');
  notes.hidden = true;
  if (!id) return;
  try {
    const s = await api('/api/filtering/jobs/' + id);
    notes.textContent = (s.notes || []).join(' · ');
    notes.hidden = !(s.notes && s.notes.length);
  } catch (e) { /* the status stays as it is */ }
}

function startWatching(id) {
  state.job = id;
  showNotes(null);
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
    await showNotes(id);
    await showJob(id);
  } else if (outcome === 'cancelled') {
    setJobStatus('Cancelled: the job stopped and published no result.');
  } else {
    setJobStatus(`Failed: ${message}`);
  }
  refreshHistory();
  refreshStats();
}

export function installJob() {
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

  $('#cancel').addEventListener('click', async () => {
    const id = state.job;
    if (!id) return;
    try {
      await api('/api/filtering/cancel/' + id, { method: 'POST' });
      setJobStatus('Cancelling…');
    } catch (e) { showError(e); }
  });
}
