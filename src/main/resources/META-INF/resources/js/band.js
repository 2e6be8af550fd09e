/* The quality timeline under each channel's plot: one coloured cell per 10 s segment (or per bin of
   segments when zoomed out, showing the bin's worst), fetched for the plotted window and redrawn on zoom. */
import { state } from './state.js';
import { api } from './http.js';

export const LEVEL_COLOURS = { excellent: '#1a7f37', good: '#4ac26b', fair: '#d4a72c', poor: '#e16f24', unusable: '#cf222e' };
let pending = null;

/** Draws the bands for the current view of the shown job; polls while the screen is still running. */
export async function drawBands() {
  const id = state.shown;
  const view = state.view;
  if (!id || !view || !state.charts.length) return;
  clearTimeout(pending);
  const t0 = view.start / state.fs;
  const t1 = view.end / state.fs;
  const width = state.charts[0].bbox.width / devicePixelRatio;
  const channels = state.charts.length;
  const max = Math.max(1, Math.min(Math.floor(200000 / channels), Math.ceil(width / 2)));
  let timeline;
  try {
    timeline = await api(`/api/filtering/jobs/${id}/quality?from=${t0}&to=${t1}&max_segments=${max}`);
  } catch (e) {
    state.charts.forEach((_, c) => bandOf(c).title = 'quality not available: ' + e.message);
    return;
  }
  if (state.shown !== id || state.view !== view) return; // the user moved on
  state.quality = timeline;
  timeline.channels.forEach((ch) => paint(ch.channel, ch.segments, timeline));
  if (timeline.status === 'running') pending = setTimeout(drawBands, 1000);
}

function bandOf(c) {
  return state.charts[c].root.parentElement.querySelector('.quality-band');
}

function paint(c, segments, timeline) {
  const u = state.charts[c];
  const band = bandOf(c);
  if (!u || !band) return;
  const canvas = band.querySelector('canvas');
  const left = u.bbox.left / devicePixelRatio;
  const w = u.bbox.width / devicePixelRatio;
  canvas.style.marginLeft = `${left}px`;
  canvas.width = Math.round(w * devicePixelRatio);
  canvas.height = Math.round(14 * devicePixelRatio);
  canvas.style.width = `${w}px`;
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  for (const s of segments) {
    const x0 = u.valToPos(s.start, 'x') * devicePixelRatio;
    const x1 = u.valToPos(s.end, 'x') * devicePixelRatio;
    ctx.fillStyle = LEVEL_COLOURS[s.level] || '#999';
    ctx.fillRect(Math.max(0, x0), 0, Math.max(1, Math.min(canvas.width, x1) - Math.max(0, x0)), canvas.height);
  }
  const done = timeline.status === 'running' ? ` (screening: ${timeline.segments_done} of ${timeline.segments_total} segments)` : '';
  const ch = timeline.channels.find((x) => x.channel === c);
  band.querySelector('.band-label').textContent = ch && ch.level ? `quality ${ch.level} (${ch.score.toFixed(2)})${done}` : `quality${done}`;
  canvas.onmousemove = (e) => {
    const t = u.posToVal(e.offsetX, 'x');
    const s = segments.find((x) => x.start <= t && t < x.end);
    canvas.title = s ? `${s.start.toFixed(0)}-${s.end.toFixed(0)} s: ${s.level} (score ${s.score.toFixed(2)})`
      + (timeline.segments_per_bin > 1 ? `, worst of ${timeline.segments_per_bin} segments` : '') : '';
  };
}

/** The band's element, placed under a channel's chart. */
export function bandElement() {
  const band = document.createElement('div');
  band.className = 'quality-band';
  band.innerHTML = '<canvas height="14" aria-hidden="true"></canvas><span class="band-label muted">quality</span>';
  return band;
}
