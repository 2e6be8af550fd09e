// Screenshot of the web page showing a job with its quality bands (used by quality-timeline.sh).
//   node kernels/heavy/quality-screenshot.mjs <base url> <job id> <png>
import { createRequire } from 'node:module';
const require = createRequire(new URL('../../src/test/ui/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [base, job, png] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
await page.goto(base + '/');
await page.waitForFunction(() => document.querySelectorAll('#history tbody tr button').length >= 1, null, { timeout: 30000 });
await page.click('#history tbody tr button');
await page.waitForFunction(() => [...document.querySelectorAll('#plots .quality-band .band-label')]
  .some((l) => /quality (excellent|good|fair|poor|unusable)/.test(l.textContent)), null, { timeout: 60000 });
await page.waitForTimeout(500);
const plots = await page.$('#plots');
await plots.screenshot({ path: png });
console.log('screenshot', png, 'job', job);
await browser.close();
