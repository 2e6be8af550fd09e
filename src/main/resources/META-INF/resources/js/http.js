/* HTTP with the token, problem+json errors shown next to their field. */
import { state } from './state.js';

export const $ = (sel) => document.querySelector(sel);

export function authHeaders(extra = {}) {
  return state.token ? { ...extra, Authorization: `Bearer ${state.token}` } : extra;
}

export function withToken(url) {
  if (!state.token) return url;
  return url + (url.includes('?') ? '&' : '?') + 'access_token=' + encodeURIComponent(state.token);
}

export class Problem extends Error {
  constructor(p) { super(p.detail || p.title || 'request failed'); this.problem = p; }
}

export async function api(path, options = {}) {
  const res = await fetch(path, { ...options, headers: authHeaders(options.headers || {}) });
  const type = res.headers.get('content-type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    throw new Problem(typeof body === 'object' ? body : { status: res.status, detail: String(body) });
  }
  return body;
}

export function showError(err) {
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

export function clearFieldErrors() {
  $('#error').hidden = true;
  document.querySelectorAll('.field-error').forEach((e) => { e.textContent = ''; });
  document.querySelectorAll('.invalid').forEach((e) => { e.classList.remove('invalid'); e.removeAttribute('aria-invalid'); });
}

export function escapeHtml(s) { return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c])); }
