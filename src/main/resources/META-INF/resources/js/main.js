/* VitalStream web page: upload, configure, run a job, watch it, compare raw and filtered. */
import { state } from './state.js';
import { $, clearFieldErrors } from './http.js';
import { loadRegistry, renderParams } from './params.js';
import { installUpload, loadExamples } from './upload.js';
import { installJob } from './job.js';
import { installPlots } from './plots.js';
import { installLive } from './live.js';
import { refreshHistory, refreshStats } from './history.js';

function init() {
  clearFieldErrors();
  loadExamples();
  refreshHistory();
  refreshStats();
}

$('#token-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  state.token = $('#token').value.trim();
  sessionStorage.setItem('vitalstream-token', state.token);
  $('#token-state').textContent = state.token ? 'token set for this session' : 'no token';
  if (state.ws) state.ws.close();
  init();
});

$('#category').addEventListener('change', () => { $('#params').innerHTML = ''; renderParams(); });

installUpload();
installJob();
installPlots();
installLive();
$('#token').value = state.token;
if (state.token) $('#token-state').textContent = 'token set for this session';
loadRegistry();
init();
