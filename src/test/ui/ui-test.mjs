// Browser test of the web page: playwright-core driving Debian's chromium, headless.
//   node ui-test.mjs <base url> <token or ""> <screenshot dir> <.npy file to upload>
// Exits 0 when every step passed; prints what it did and saves screenshots.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, token, shots, npy] = process.argv.slice(2);
mkdirSync(shots, { recursive: true });
const step = (m) => console.log('step:', m);

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => { console.error('page error:', e.message); process.exitCode = 1; });
  await page.goto(base);

  if (token) {
    step('a first API call without the token is refused and the page says so');
    await page.click('#example-form button');
    await page.waitForSelector('#error:not([hidden])');
    const msg = await page.textContent('#error');
    if (!msg.includes('token')) throw new Error('expected a token hint, got: ' + msg);
    step('enter the token once');
    await page.fill('#token', token);
    await page.click('#token-form button');
    await page.waitForFunction(() => document.querySelector('#token-state').textContent.includes('token set'));
  }

  step('upload a file, watching the upload progress bar');
  await page.setInputFiles('#file', npy);
  await page.click('#upload-form button');
  await page.waitForFunction(() => document.querySelector('#upload-info').textContent.startsWith('Using'));
  const uploaded = await page.$eval('#upload-progress', (p) => p.value);
  if (uploaded !== 100) throw new Error('upload progress ' + uploaded);

  step('the form is the method registry: the server\'s methods and defaults');
  await page.selectOption('#p-filter_family', 'median');
  await page.waitForSelector('#p-window_size');
  if (await page.$eval('#p-window_size', (i) => i.value) !== '5') throw new Error('median window default is not the server\'s 5');
  await page.selectOption('#category', 'advanced');
  await page.waitForSelector('#p-method');
  await page.selectOption('#p-method', 'nlms');
  await page.waitForSelector('#p-step_size');
  if (Number(await page.$eval('#p-step_size', (i) => i.value)) !== 0.5) throw new Error('NLMS step default is not the server\'s 0.5');
  step('every method of the registry: the form offers its parameters, no others, at the server\'s defaults');
  const registry = await page.evaluate(async () => (await fetch('/api/filtering/methods')).json());
  for (const m of registry.methods) {
    const selector = m.category === 'traditional' ? 'filter_family' : 'method';
    await page.selectOption('#category', m.category);
    await page.waitForSelector('#p-' + selector);
    await page.selectOption('#p-' + selector, m.name);
    await page.waitForFunction(([sel, name]) => document.querySelector('#p-' + sel).value === name, [selector, m.name]);
    const fields = await page.$$eval('#params [data-param]', (els) => els.map((e) => ({
      name: e.dataset.param, value: e.type === 'checkbox' ? e.checked : e.value })));
    const listed = new Map(m.params.filter((q) => q.type !== 'list').map((q) => [q.name, q]));
    for (const f of fields) {
      if (f.name === selector) continue;
      const q = listed.get(f.name);
      if (!q) throw new Error(`${m.name}: the form offers ${f.name}, which the registry does not list`);
      if (q.default_value !== null && q.default_value !== undefined && String(q.default_value) !== String(f.value)) {
        throw new Error(`${m.name}: ${f.name} defaults to ${f.value} on the page, ${q.default_value} on the server`);
      }
    }
    if (m.category !== 'traditional') {
      const offered = new Set(fields.map((f) => f.name));
      for (const name of listed.keys()) {
        if (!offered.has(name)) throw new Error(`${m.name}: the registry lists ${name}, the form does not offer it`);
      }
    }
  }
  await page.selectOption('#category', 'traditional');
  await page.waitForSelector('#p-filter_family');
  await page.selectOption('#p-filter_family', 'butter');
  await page.waitForSelector('#p-high_freq');

  step('an invalid parameter gets the API\'s message next to its field');
  await page.fill('#sampling_freq', '500');
  await page.fill('#p-high_freq', '400');
  await page.click('#submit');
  await page.waitForFunction(() => document.querySelector('[data-error-for="high_freq"]').textContent.includes('Nyquist'));

  step('submit a band-pass job and watch it reach 100 %');
  await page.fill('#p-high_freq', '40');
  await page.click('#submit');
  await page.waitForFunction(() => document.querySelector('#job-progress').value === 100, null, { timeout: 60000 });
  await page.waitForFunction(() => document.querySelector('#job-status').textContent.startsWith('Completed'));

  step('both traces are drawn for every channel');
  await page.waitForFunction(() => document.querySelectorAll('#plots canvas').length >= 1);
  const drawn = await page.$$eval('#plots .channel', (divs) => divs.map((d) => {
    const u = d.querySelector('.uplot');
    const paths = u ? u.querySelectorAll('.u-legend .u-series') : [];
    const c = d.querySelector('canvas');
    const ctx = c.getContext('2d');
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    let grey = 0, blue = 0;
    for (let i = 0; i < px.length; i += 4) {
      if (px[i + 3] === 0) continue;
      if (px[i + 2] > 180 && px[i] < 120) blue++;
      else if (Math.abs(px[i] - px[i + 2]) < 30 && px[i] > 120 && px[i] < 220) grey++;
    }
    return { series: paths.length, grey, blue };
  }));
  console.log('channels drawn:', JSON.stringify(drawn));
  if (!drawn.length || drawn.some((d) => d.grey < 50 || d.blue < 50)) throw new Error('raw and filtered traces not both drawn');

  step('the quality timeline is drawn under every channel, and again after zooming');
  const bandsDrawn = () => page.waitForFunction(() => {
    const bands = [...document.querySelectorAll('#plots .quality-band')];
    return bands.length >= 1 && bands.every((b) => {
      const c = b.querySelector('canvas');
      if (!c.width) return false;
      const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let coloured = 0;
      for (let i = 3; i < px.length; i += 4) if (px[i] > 0) coloured++;
      return coloured > c.width * c.height * 0.5 && /quality (excellent|good|fair|poor|unusable)/.test(b.textContent);
    });
  }, null, { timeout: 60000 });
  await bandsDrawn();
  const bandLabels = await page.$$eval('#plots .quality-band .band-label', (ls) => ls.map((l) => l.textContent));
  console.log('quality bands:', JSON.stringify(bandLabels));

  step('zoom into a window (a finer preview is fetched)');
  await page.click('#zoom-in');
  await page.waitForTimeout(500);
  await bandsDrawn();

  step('the live panel streams an example through /ws/filter-stream and draws what comes back');
  await page.selectOption('#live-example', 'ppg-1ch');
  await page.selectOption('#live-speed', '16');
  await page.click('#live-start');
  await page.waitForFunction(() => /[0-9]+ frames filtered/.test(document.querySelector('#live-status').textContent)
    && Number(document.querySelector('#live-status').textContent.split(' ')[0]) >= 1000, null, { timeout: 60000 });
  const liveBlue = await page.$eval('#live-plot canvas', (c) => {
    const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let blue = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i + 3] && px[i + 2] > 180 && px[i] < 120) blue++;
    return blue;
  });
  console.log('live panel:', await page.textContent('#live-status'), 'blue pixels', liveBlue);
  if (liveBlue < 50) throw new Error('the live trace is not drawn');
  await page.click('#live-stop');
  await page.locator('#live-plot').screenshot({ path: `${shots}/live-stream.png` });

  step('frequency response');
  await page.click('#response-button');
  await page.waitForSelector('#response-plot canvas');

  step('quality, history and statistics');
  await page.waitForFunction(() => document.querySelector('#quality').textContent.includes('score'));
  await page.waitForFunction(() => document.querySelectorAll('#history tbody tr').length >= 1);
  await page.screenshot({ path: `${shots}/completed-job.png`, fullPage: true });

  step('a second, longer job, cancelled while it runs');
  await page.selectOption('#example', 'eeg-8ch');
  await page.click('#example-form button');
  await page.waitForFunction(() => document.querySelector('#upload-info').textContent.includes('example-eeg-8ch'));
  await page.selectOption('#strategy', 'memory_mapped');
  await page.click('#submit');
  await page.waitForFunction(() => document.querySelector('#job-status').textContent.startsWith('Processing chunk'), null, { timeout: 30000 });
  await page.click('#cancel');
  await page.waitForFunction(() => document.querySelector('#job-status').textContent.startsWith('Cancelled'), null, { timeout: 30000 });
  await page.screenshot({ path: `${shots}/cancelled-job.png`, fullPage: true });

  step('a PCA job on the 8-channel example shows what it was fitted on');
  await page.selectOption('#category', 'artifact');
  await page.selectOption('#p-method', 'pca');
  await page.click('#submit');
  await page.waitForFunction(() => document.querySelector('#job-status').textContent.startsWith('Completed'), null, { timeout: 60000 });
  await page.waitForFunction(() => !document.querySelector('#job-notes').hidden
      && document.querySelector('#job-notes').textContent.includes('pca: kept'), null, { timeout: 10000 });
  console.log('job notes:', await page.textContent('#job-notes'));

  step('keyboard: Tab reaches the submit button');
  await page.focus('#token');
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.id === 'submit');
  }
  if (!reached) throw new Error('Tab never reached the submit button');

  step('phone width');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${shots}/phone.png`, fullPage: true });
  console.log('ui test passed');
} catch (e) {
  console.error('ui test failed:', e.message);
  process.exitCode = 1;
} finally {
  await browser.close();
}
