// Opens report.html in headless Debian Chromium via playwright-core (no browser download) and prints one JSON line:
// images (with load state), inline svg count, the points table as sorted and filtered by clicks and typing (env
// SORT_COLUMN, FILTER), console errors, page errors and dialogs; saves a full-page screenshot.
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
  // The points table, driven as a reader would: every id, then a click on SORT_COLUMN's header (twice), then FILTER typed.
  const table = await page.evaluate(() => {
    const t = document.getElementById('points-table');
    return t ? { ids: [...t.tBodies[0].rows].map(r => r.cells[0].textContent) } : null;
  });
  if (table && process.env.SORT_COLUMN) {
    const column = process.env.SORT_COLUMN;
    const values = () => page.evaluate(name => {
      const t = document.getElementById('points-table');
      const i = [...t.tHead.rows[0].cells].findIndex(h => h.getAttribute('data-name') === name);
      return [...t.tBodies[0].rows].map(r => r.cells[i].textContent);
    }, column);
    const header = page.locator(`#points-table th[data-name="${column}"]`);
    await header.click();
    table.ascending = await values();
    await header.click();
    table.descending = await values();
  }
  if (table && process.env.FILTER !== undefined) {
    await page.fill('#points-filter', process.env.FILTER);
    Object.assign(table, await page.evaluate(() => ({
      visible: [...document.querySelectorAll('#points-table tbody tr')].filter(r => r.style.display !== 'none').map(r => r.cells[0].textContent),
      shown: document.getElementById('points-shown').textContent,
    })));
  }
  await page.screenshot({ path: screenshotPath, fullPage: true });
  await context.close();
  console.log(JSON.stringify({ ...info, table, consoleErrors, dialogs }));
})().catch(e => { console.error(String(e && e.stack || e)); process.exit(1); });
