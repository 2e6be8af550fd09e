/* The filter form, built from the method registry (GET /api/filtering/methods): the same table the
   server checks every parameter against, so the page offers exactly what the server takes, with
   the server's defaults. Only the response semantics of frequency filters live here (which
   cut-offs a low-pass, high-pass or notch uses). */
import { state } from './state.js';
import { $ } from './http.js';

export async function loadRegistry() {
  const res = await fetch('/api/filtering/methods');
  state.registry = await res.json();
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
  if (!state.registry) return [];
  const entries = state.registry.methods.filter((m) => m.category === category);
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

export function currentParams() {
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

export function renderParams() {
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
