// Opens report.html in headless Debian Chromium via playwright-core (no browser download) and prints one JSON line:
// images (with load state), inline svg count, console errors, page errors and dialogs; saves a full-page screenshot.
// usage: node report-check.cjs REPORT_HTML SCREENSHOT_PNG USER_DATA_DIR   (env PLAYWRIGHT_CORE, CHROMIUM)
const { pathToFileURL } = require('node:url');
const { chromium } = require(process.env.PLAYWRIGHT_CORE);

(async () => {
  const [, , htmlPath, screenshotPath, userDataDir] = process.argv;
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1100, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] ?? await context.newPage();
  const consoleErrors = [];
  const dialogs = [];
  page.on('console', m => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', e => consoleErrors.push(String(e)));
  page.on('requestfailed', r => consoleErrors.push('request failed: ' + r.url()));
  page.on('dialog', async d => { dialogs.push(d.type() + ': ' + d.message()); await d.dismiss(); });
  await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' });
  const info = await page.evaluate(() => ({
    title: document.title,
    h1: document.querySelector('h1')?.textContent ?? null,
    sections: document.querySelectorAll('section.curve').length,
    images: [...document.querySelectorAll('img')].map(i => ({ alt: i.alt, complete: i.complete, naturalWidth: i.naturalWidth })),
    inlineSvg: document.querySelectorAll('svg').length,
    scripts: document.querySelectorAll('script').length,
  }));
  await page.screenshot({ path: screenshotPath, fullPage: true });
  await context.close();
  console.log(JSON.stringify({ ...info, consoleErrors, dialogs }));
})().catch(e => { console.error(String(e && e.stack || e)); process.exit(1); });
