/* The signal: a file uploaded with a progress bar, or a built-in example recording. */
import { state } from './state.js';
import { $, Problem, api, clearFieldErrors, showError } from './http.js';
import { liveExamples } from './live.js';

function describeUpload(u) {
  $('#upload-info').textContent = `Using ${u.filename}: ${(u.bytes / 1e6).toFixed(2)} MB, sha256 ${u.sha256.slice(0, 12)}…`;
}

function setUploadProgress(p) {
  $('#upload-progress').value = p;
  $('#upload-percent').textContent = `${p.toFixed(0)} %`;
}

export async function loadExamples() {
  try {
    const list = await api('/api/examples');
    const sel = $('#example');
    sel.innerHTML = '';
    for (const e of list) sel.append(new Option(`${e.name} — ${e.description}`, e.name));
    liveExamples(list);
  } catch (e) { showError(e); }
}

export function installUpload() {
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
}
