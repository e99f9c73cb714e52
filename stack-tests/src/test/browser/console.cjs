// Drives the operator console in a real headless browser (Debian's chromium through
// playwright-core) against a running stack, and prints what it saw as one line of JSON for
// ConsoleBrowserTest to assert on. Every wait is for a condition, with a deadline.
'use strict';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const { chromium } = require(env('PLAYWRIGHT_CORE'));

const CONSOLE = env('CONSOLE_URL');
const TIMEOUT_MS = Number(process.env.CONSOLE_TIMEOUT_MS || 45000);

const samples = (page) => page.$eval('#chart', (chart) => Number(chart.dataset.samples));
const head = (page) => page.$eval('#head', (el) => Number(el.textContent.replace(/[^0-9]/g, '')));

async function signIn(page, email, password) {
  await page.goto(CONSOLE, { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function newPage(browser, problems) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 960 } });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused admin's 403 is logged by the browser as a failed resource; that one is expected.
    if (message.type() === 'error' && !/status of 403/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return page;
}

async function main() {
  const browser = await chromium.launch({
    executablePath: env('CHROMIUM'),
    // Running as root on CI: chromium's sandbox needs a user namespace it may not get there.
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
    timeout: TIMEOUT_MS,
  });
  const report = { problems: [] };
  try {
    const page = await newPage(browser, report.problems);
    await signIn(page, env('ADMIN_EMAIL'), env('ADMIN_PASSWORD'));
    await page.locator('#dashboard').waitFor({ state: 'visible' });
    await page.waitForFunction(() => Number(document.getElementById('chart').dataset.samples) >= 2);
    report.samplesFirst = await samples(page);
    report.headFirst = await head(page);

    // New events while the console watches: the head it shows must move on by itself.
    for (let i = 0; i < 3; i += 1) {
      const created = await page.request.post(new URL('/api/v1/accounts', CONSOLE).toString(), {
        data: { email: `console-${Date.now()}-${i}@example.com`, displayName: 'Console Test', password: 'console test password' },
      });
      if (created.status() !== 201) throw new Error(`registration answered ${created.status()}`);
    }
    await page.waitForFunction((before) => {
      const shown = Number(document.getElementById('head').textContent.replace(/[^0-9]/g, ''));
      return shown > before;
    }, report.headFirst);
    await page.waitForFunction((n) => Number(document.getElementById('chart').dataset.samples) >= n + 3, report.samplesFirst);
    report.samplesLater = await samples(page);
    report.headLater = await head(page);

    report.rows = await page.$$eval('#projections tbody tr', (rows) =>
      rows.map((row) => ({
        name: row.dataset.name,
        state: row.dataset.state,
        cells: [...row.cells].map((c) => c.textContent.trim()),
      })));
    report.series = await page.$$eval('#chart-svg path.series', (lines) =>
      lines.map((line) => ({ key: line.dataset.key, points: Number(line.dataset.points), drawn: line.getAttribute('d').length > 0 })));
    report.tiles = {
      head: await page.locator('#head').innerText(),
      count: await page.locator('#count').innerText(),
      maxLag: await page.locator('#max-lag').innerText(),
      deadLetters: await page.locator('#dead-letters').innerText(),
    };
    report.status = await page.locator('#status').innerText();
    report.chartDescription = await page.locator('#chart-desc').innerText();
    if (process.env.CONSOLE_WATCH_MS) {
      // Only for the docs' screenshot: let the chart gather minutes of history first.
      await page.waitForTimeout(Number(process.env.CONSOLE_WATCH_MS));
    }
    if (process.env.SCREENSHOT) {
      await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
      report.screenshot = process.env.SCREENSHOT;
    }

    const user = await newPage(browser, report.problems);
    await signIn(user, env('USER_EMAIL'), env('USER_PASSWORD'));
    await user.getByRole('heading', { name: 'Admin only' }).waitFor({ state: 'visible' });
    report.userSees = await user.locator('#forbidden').innerText();
    report.userSeesDashboard = await user.locator('#dashboard').isVisible();
  } finally {
    await browser.close();
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
