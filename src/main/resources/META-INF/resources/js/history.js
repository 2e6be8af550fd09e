/* Quality of the shown job, the job history and the service's statistics. */
import { $, api, escapeHtml, withToken } from './http.js';
import { showJob } from './plots.js';

export async function showQuality(id) {
  const box = $('#quality');
  try {
    const q = await api(`/api/filtering/jobs/${id}/quality/metrics?channel=0&seconds=300`);
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

export async function refreshHistory() {
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

export async function refreshStats() {
  try {
    const s = await api('/api/filtering/statistics');
    const dl = $('#stats');
    const rows = [['Requests', s.total_requests], ['Jobs', s.heavy_data_requests], ['Running', s.active_requests],
      ['Completed', s.completed], ['Failed', s.failed], ['Cancelled', s.cancelled],
      ['Mean time', `${s.average_processing_time.toFixed(0)} ms`], ['Peak memory', `${s.memory_usage_peak} MB`],
      ['Cache hits / misses', `${s.cache_hits} / ${s.cache_misses}`],
      ['Live streams open', s.live_streams.active], ['Live frames filtered', s.live_streams.frames_filtered]];
    dl.innerHTML = rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('');
  } catch (e) { /* shown elsewhere */ }
}
