/* Raw and filtered traces (min/max previews per channel, zoom by dragging or buttons) and the frequency response. */
import { state } from './state.js';
import { $, api, clearFieldErrors, showError } from './http.js';
import { currentParams } from './params.js';
import { showQuality } from './history.js';
import { bandElement, drawBands } from './band.js';

function plotWidth() { return Math.max(260, Math.min(1150, document.querySelector('#plots').clientWidth - 20)); }

export async function showJob(id) {
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
      div.append(bandElement());
    }
  } else {
    state.charts.forEach((chart, c) => chart.setData(seriesFor(input, output, c)));
  }
  state.view = { start: input.start, end: input.end };
  drawBands();
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

export function installPlots() {
  window.addEventListener('resize', () => {
    state.charts.forEach((c) => c.setSize({ width: plotWidth(), height: 220 }));
    drawBands();
    if (state.responseChart) state.responseChart.setSize({ width: Math.min(1150, $('#response-plot').clientWidth || 600), height: 240 });
  });

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
}
