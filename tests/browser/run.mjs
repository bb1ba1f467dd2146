// Checks a built site the way its readers meet it: in headless Chromium, served over HTTP.
// Usage: node run.mjs SITE_DIR   (the site must be built with --base-url http://127.0.0.1:PORT/)
// Exits non-zero and lists every failure.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [siteDir, portArg] = process.argv.slice(2);
const port = Number(portArg || 8765);
const base = `http://127.0.0.1:${port}/`;
const failures = [];
const fail = (what) => { failures.push(what); console.log(`  FAIL ${what}`); };
const ok = (what) => console.log(`  ok   ${what}`);
const check = (cond, what) => (cond ? ok(what) : fail(what));

function files(dir, prefix = '') {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, `${prefix}${name}/`) : [`${prefix}${name}`];
  });
}
const all = files(siteDir);
const pages = all.filter((f) => f.endsWith('.html'));

// 1. Every page passes the W3C Nu HTML Checker with no errors.
console.log(`Nu HTML Checker on ${pages.length} pages`);
try {
  execFileSync('java', ['-jar', join(here, 'node_modules/vnu-jar/build/dist/vnu.jar'), '--errors-only', '--format', 'gnu', '--skip-non-html', siteDir], { stdio: 'pipe' });
  ok('no HTML errors');
} catch (e) {
  fail(`HTML errors:\n${String(e.stderr || e.stdout)}`);
}

// 2. Page weight: HTML + the CSS and JS each page loads, uncompressed. A page's JavaScript is
// its inline scripts (not JSON data), its script tags, and what site.js loads for it: search.js
// on first use of the search box, and the script each element names in data-script.
console.log('Page weight and JavaScript');
const size = (rel) => statSync(join(siteDir, rel)).size;
const styles = (html) => [...html.matchAll(/<link[^>]+href="\/([^"]+\.css)"/g)].map((m) => m[1]);
function scripts(html) {
  const files = new Set([...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1]));
  const site = [...files].find((f) => /(^|\/)site\.js$/.test(f));
  for (const m of html.matchAll(/data-search-script="\/([^"]+\.js)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/data-script="([\w-]+\.js)"/g)) files.add((site || 'site.js').replace(/site\.js$/, m[1]));
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g)]
    .reduce((n, m) => n + Buffer.byteLength(m[1]), 0);
  return { files, inline, bytes: inline + [...files].reduce((n, f) => n + size(f), 0) };
}
const jsLimit = 15 * 1024, sharedLimit = 10 * 1024;
let heaviest = ['', 0], mostJs = ['', 0], shared = null;
// /print/ is by definition the whole guide on one page, so it cannot stay under 100 KB: it is
// exempt from the weight limit only (the Nu checker above and axe below still check it), and
// its weight is reported.
const unweighed = new Set(['print/index.html']);
for (const page of pages) {
  if (unweighed.has(page)) {
    ok(`${page} weighs ${size(page)} bytes (the whole guide; exempt from the limit)`);
    continue;
  }
  const html = readFileSync(join(siteDir, page), 'utf8');
  const js = scripts(html);
  const total = size(page) + styles(html).reduce((n, a) => n + size(a), 0) + js.bytes - js.inline;
  if (total > heaviest[1]) heaviest = [page, total];
  if (js.bytes > mostJs[1]) mostJs = [page, js.bytes];
  if (total > 100 * 1024) fail(`${page} weighs ${total} bytes with its CSS and JS (limit 100 KB)`);
  if (js.bytes > jsLimit) fail(`${page} loads ${js.bytes} bytes of JavaScript: ${[...js.files].join(', ')} and ${js.inline} inline (limit 15 KB)`);
  const mine = [...js.files].map((f) => [f, size(f)]).concat([['inline', js.inline]]);
  shared = shared ? shared.filter(([f]) => mine.some(([g]) => g === f)) : mine;
}
ok(`heaviest page: ${heaviest[0]}, ${heaviest[1]} bytes with its CSS and JS`);
check(mostJs[1] <= jsLimit, `most JavaScript on one page: ${mostJs[0]}, ${mostJs[1]} bytes (limit 15 KB a page)`);
const sharedBytes = (shared || []).reduce((n, [, b]) => n + b, 0);
check(sharedBytes <= sharedLimit, `JavaScript every page loads: ${sharedBytes} bytes (${(shared || []).map(([f, b]) => `${f} ${b}`).join(', ')}; limit 10 KB, so a page's own script has 5 KB)`);
const shardLimit = 64 * 1024;
const indexFiles = all.filter((f) => f.startsWith('search/index/'));
const largest = indexFiles.reduce((m, f) => (size(f) > m[1] ? [f, size(f)] : m), ['', 0]);
check(largest[1] <= shardLimit, `search index: ${indexFiles.length} files, the largest ${largest[0]} of ${largest[1]} bytes (limit 64 KB)`);

// A static server for the built files, like any static host.
const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.json': 'application/json', '.csv': 'text/csv; charset=utf-8', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.txt': 'text/plain', '.png': 'image/png' };
const server = createServer((req, res) => {
  let path = decodeURIComponent(new URL(req.url, base).pathname);
  if (path.endsWith('/')) path += 'index.html';
  const file = join(siteDir, path);
  if (!file.startsWith(siteDir) || !existsSync(file) || statSync(file).isDirectory()) {
    res.writeHead(404, { 'content-type': types['.html'] });
    res.end(readFileSync(join(siteDir, '404.html')));
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
  res.end(readFileSync(file));
});
await new Promise((r) => server.listen(port, '127.0.0.1', r));

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const kinds = {
  home: '', section: 'guide/basics/', chapter: 'guide/architecture/databases/', stacks: 'stacks/', fit: 'stacks/fit/',
  stack: 'stacks/go-gin/', compare: 'compare/go-gin-vs-node-express/', decision: 'decide/which-stack/',
  search: 'search/', 'not found': 'no-such-page/', methodology: 'methodology/', changes: 'changes/',
  support: 'support/', priorities: 'priorities/', 'project type ranking': 'priorities/mvp/',
  'compare any': 'compare/?stacks=go-gin,node-express,python-django', print: 'print/',
};

// Where a page is now: read in the page, since history.replaceState reaches page.url() late.
const addressOf = (page) => page.evaluate(() => location.href);

async function open(url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('404')) errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) errors.push(`external request: ${r.url()}`); });
  await page.goto(base + url);
  return { context, page, errors };
}

// 3. axe-core finds no accessibility violations on each kind of page, light and dark.
const axe = readFileSync(join(here, 'node_modules/axe-core/axe.min.js'), 'utf8');
for (const scheme of ['light', 'dark']) {
  console.log(`axe-core, ${scheme} scheme`);
  for (const [kind, url] of Object.entries(kinds)) {
    const { context, page, errors } = await open(url, { colorScheme: scheme });
    await page.addScriptTag({ content: axe });
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .map((v) => `${v.id}: ${v.help} (${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`));
    check(violations.length === 0, `${kind}: no violations${violations.length ? `\n      ${violations.join('\n      ')}` : ''}`);
    check(errors.length === 0, `${kind}: no console errors or external requests${errors.length ? `: ${errors.join('; ')}` : ''}`);
    await context.close();
  }
}

// 4. Behaviour.
console.log('Behaviour');
{
  const { context, page, errors } = await open('');
  // What the first search downloads: the manifest, the shard of the word and the details of
  // the results shown, nothing else of the index.
  const fetched = [];
  page.on('response', async (r) => {
    const path = r.url().slice(base.length);
    if (path.startsWith('search/index/')) fetched.push([path, (await r.body()).length]);
  });
  await page.fill('#search-input', 'linkedin');
  await page.waitForSelector('#search-dropdown .search-list a', { timeout: 5000 });
  const first = await page.textContent('#search-dropdown .search-list a .search-title');
  check(/LinkedIn/.test(first), `search for "linkedin" finds the case studies first (got "${first}")`);
  check(await page.$('#search-dropdown mark') !== null, 'search marks the match in the results');
  const shown = (await page.$$('#search-dropdown .search-list a')).length;
  const kinds = (what) => fetched.filter(([p]) => what.test(p)).length;
  const bytes = fetched.reduce((n, [, b]) => n + b, 0);
  check(
    kinds(/^search\/index\/manifest\.json$/) === 1 && kinds(/^search\/index\/words\/\d+\.json$/) === 1
      && kinds(/^search\/index\/pages\/\d+\.json$/) >= 1 && kinds(/^search\/index\/pages\//) <= shown
      && fetched.length === 2 + kinds(/^search\/index\/pages\//),
    `the first search downloads ${bytes} bytes: the manifest, one word shard and ${kinds(/pages\//)} file(s) of page details for ${shown} results (${fetched.map(([p]) => p).join(', ')})`,
  );
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/case-studies/, { timeout: 5000 });
  ok('arrow keys and Enter open a result');
  check(errors.length === 0, `no console errors while searching${errors.length ? `: ${errors}` : ''}`);
  await context.close();
}
{
  // Every stack's name finds its stack page first; a word of six letters or more with one typo
  // (a letter dropped, added, changed or two swapped) still finds what it names.
  const stackPages = pages.filter((p) => /^stacks\/[^/]+\/index\.html$/.test(p)
    && readFileSync(join(siteDir, p), 'utf8').includes('<article class="stack-page')); // not /stacks/fit/
  const titleOf = (p) => /<h1[^>]*>([^<]+)</.exec(readFileSync(join(siteDir, p), 'utf8'))[1].trim();
  const { context, page } = await open('search/');
  const results = async (q) => {
    await page.evaluate(() => { document.getElementById('search-results').textContent = ''; });
    await page.fill('#search-page-input', q);
    await page.waitForSelector('#search-results .search-status', { timeout: 5000 });
    return page.$$eval('#search-results .search-list a', (as) => as.map((a) => [a.getAttribute('href'), a.querySelector('.search-title').textContent]));
  };
  const misses = [];
  for (const p of stackPages) {
    const name = titleOf(p).replace(/&amp;/g, '&'), want = `/${p.replace(/index\.html$/, '')}`;
    const got = await results(name);
    if (!got.length || !got[0][0].endsWith(want)) misses.push(`${name} -> ${got.length ? got[0][0] : 'nothing'}`);
  }
  check(misses.length === 0, `searching each of the ${stackPages.length} stack names puts its stack page first${misses.length ? `: ${misses.join('; ')}` : ''}`);
  const words = [...new Set(stackPages.flatMap((p) => titleOf(p).split(/[^A-Za-z]+/)).filter((w) => w.length >= 6))];
  const typos = [['postgress', 'postgres'], ['kubernets', 'kubernetes'], ['djngo', 'django'], ['fastpi', 'fastapi'], ['sxring', 'spring'], ['cpntainers', 'containers']];
  words.forEach((w, i) => {
    const l = w.toLowerCase(), k = 2 + (i % (l.length - 3));
    // A letter added or two swapped (a letter dropped may spell another word: backend, backed).
    const edits = [l.slice(0, k) + 'x' + l.slice(k), l.slice(0, k) + l[k + 1] + l[k] + l.slice(k + 2)];
    typos.push([edits[i % 2], l]);
  });
  const lost = [];
  for (const [typo, word] of typos) {
    const got = await results(typo);
    const shown = (await page.textContent('#search-results .search-list').catch(() => '')).toLowerCase();
    if (!got.length || !shown.includes(word)) lost.push(`${typo} (${word}): ${got.map(([, t]) => t).slice(0, 3).join(', ') || 'nothing'}`);
  }
  check(lost.length === 0, `${typos.length} one-typo searches find the word they mean (${typos.map(([t]) => t).join(', ')})${lost.length ? `; lost: ${lost.join('; ')}` : ''}`);
  await context.close();
}
{
  const { context, page } = await open('search/?q=read+replicas');
  await page.waitForSelector('#search-results .search-list a', { timeout: 5000 });
  const titles = await page.$$eval('#search-results .search-title', (t) => t.map((x) => x.textContent));
  check(titles.some((t) => /Databases/.test(t)), `the search page reads ?q= and finds the databases chapter (${titles.slice(0, 3)})`);
  await context.close();
}
{
  const { context, page, errors } = await open('stacks/');
  const names = () => page.$$eval('#matrix tbody th', (t) => t.map((x) => x.textContent.trim()));
  const before = await names();
  await page.click('#matrix thead th:nth-child(5) button');
  const perf = await page.$$eval('#matrix tbody tr', (rows) => rows.map((r) => Number(r.cells[4].dataset.value)));
  check(perf.every((v, i) => i === 0 || perf[i - 1] >= v), `sorting by a criterion orders the rows best first (${perf})`);
  check(await page.getAttribute('#matrix thead th:nth-child(5)', 'aria-sort') === 'descending', 'the sorted column says so (aria-sort)');
  await page.click('#matrix thead th:nth-child(1) button');
  const az = await names();
  check(JSON.stringify(az) === JSON.stringify([...before].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()))), 'sorting by name orders A to Z');
  await page.selectOption('select[name=language]', 'Python');
  const shown = await page.$$eval('#matrix tbody tr:not([hidden]) th', (t) => t.map((x) => x.textContent.trim()));
  check(shown.length >= 1 && shown.every((n) => /Python/.test(n)), `filtering by language shows only those stacks (${shown})`);
  await page.selectOption('select[name=language]', '');
  await page.selectOption('select[name=fit]', 'mvp');
  const good = await page.$$eval('#matrix tbody tr', (rows) => rows.map((r) => [r.hidden, r.dataset.good.split(' ').includes('mvp')]));
  check(good.some(([hidden]) => !hidden) && good.some(([hidden]) => hidden) && good.every(([hidden, fits]) => hidden !== fits),
    `filtering by project type shows exactly the stacks that fit it well (${good.filter(([h]) => !h).length} of ${good.length})`);
  check(errors.length === 0, 'no console errors on the stacks page');
  await context.close();
}
{
  const { context, page, errors } = await open('decide/which-stack/');
  check(await page.isVisible('#wizard'), 'the wizard appears with JavaScript');
  const q0 = await page.textContent('.wizard-question');
  await page.click('.wizard-answers li:nth-child(1) button');
  const q1 = await page.textContent('.wizard-question');
  check(q1 !== q0 && /path=0/.test(page.url()), `an answer leads to the next question and is kept in the URL (${page.url()})`);
  await page.click('.wizard-answers li:nth-child(1) button');
  check(await page.$('.wizard-result a') !== null, 'the wizard ends on recommended stacks with links');
  check((await page.$$('.wizard-path li')).length === 2, 'the path taken so far is shown');
  const ranking = await page.getAttribute('.wizard-result .dl-ranking a', 'href');
  check(/\/priorities\/mvp\/$/.test(ranking || ''), `a result below "MVP" links to the MVP ranking (${ranking})`);
  await page.click('.wizard-back');
  check(await page.textContent('.wizard-question') === q1, 'Back returns to the previous question');
  await page.goBack();
  check(await page.textContent('.wizard-question') === q0, "the browser's back button steps back too");
  check(errors.length === 0, 'no console errors in the wizard');
  await context.close();
}
{
  // /priorities/: the script ranks as the build does, and the weights live in the address.
  const rows = (page) => page.$$eval('#ranking tbody tr', (r) => r.map((x) => x.innerText.replace(/\s+/g, ' ').trim()));
  const order = (page) => page.$$eval('#ranking tbody tr', (r) => r.map((x) => x.dataset.stack));
  const still = await open('priorities/', { javaScriptEnabled: false });
  const built = await rows(still.page);
  const types = await still.page.$$eval('#project-types a', (a) => a.map((x) => x.getAttribute('href')));
  const { context, page, errors } = await open('priorities/');
  await page.waitForSelector('#weights-form:not([hidden])', { timeout: 5000 });
  check(built.length >= 12 && JSON.stringify(await rows(page)) === JSON.stringify(built),
    `the script's ranking for the default weights equals the built one (${built.length} stacks)`);
  for (const type of types) {
    await still.page.goto(base + type.slice(1));
    const expected = await rows(still.page);
    const adjust = await still.page.getAttribute('#weights a[href*="?"]', 'href');
    await page.goto(base + adjust.slice(1));
    await page.waitForSelector('#weights-form:not([hidden])');
    check(JSON.stringify(await rows(page)) === JSON.stringify(expected), `${type}: the script ranks as the built page does`);
  }
  await page.goto(base + 'priorities/');
  await page.waitForSelector('#weights-form:not([hidden])');
  const before = await order(page);
  await page.focus('select[name=performance]');
  await page.selectOption('select[name=performance]', 'high');
  await page.selectOption('select[name=learning-curve]', 'none');
  const after = await order(page);
  check(/performance=high/.test(await addressOf(page)) && /learning-curve=none/.test(await addressOf(page)), `a changed weight is kept in the address (${(await addressOf(page)).slice(base.length)})`);
  const moved = after.findIndex((id, i) => id !== before[i]);
  check(moved >= 0, `and changes the order (from place ${moved + 1}: ${after.slice(moved, moved + 2)} instead of ${before.slice(moved, moved + 2)})`);
  await page.goto(await addressOf(page));
  await page.waitForSelector('#weights-form:not([hidden])');
  check(JSON.stringify(await order(page)) === JSON.stringify(after) && await page.inputValue('select[name=performance]') === 'high',
    'opening that address gives the same weights and ranking');
  check(errors.length === 0, `no console errors on /priorities/${errors.length ? `: ${errors}` : ''}`);
  await still.context.close();
  await context.close();
}
{
  // /compare/: two to four stacks side by side, the choice in the address.
  const { context, page, errors } = await open('compare/?stacks=go-gin,node-express,python-django');
  await page.waitForSelector('#chooser-result table', { timeout: 5000 });
  const heads = await page.$$eval('#chooser-result thead th', (t) => t.map((x) => x.textContent.trim()));
  check(heads.length === 4 && heads.includes('Go + Gin') && heads.includes('Python + Django'), `the address chooses the stacks (${heads})`);
  check((await page.$$('#chooser-result tr.differs')).length > 0 && (await page.$$('#chooser-result td.ahead .ahead-mark')).length > 0, 'rows that differ are marked, with the best value');
  const drawn = await page.$eval('#chooser-chart', (f) => ({
    shown: !f.hidden, lines: f.querySelectorAll('.pf-layers path').length, marks: [...f.querySelectorAll('.pf-layers use')].map((u) => u.getAttribute('href')),
    rows: f.querySelectorAll('.pf-row').length, title: f.querySelector('title').textContent,
    keys: [...document.querySelectorAll('#chooser-result thead .pf-key use')].map((u) => u.getAttribute('href')),
  }));
  check(drawn.shown && drawn.lines === 3 && drawn.marks.length === 3 * drawn.rows && new Set(drawn.marks).size === 3
    && /Go \+ Gin \(circles[^)]*\), .*Python \+ Django \(triangles/.test(drawn.title) && drawn.keys.join() === [...new Set(drawn.marks)].join(),
    `the chart overlays the three stacks: a line and ${drawn.rows} marks each, a shape per stack shown beside its name in the table, named in the title (${drawn.title})`);
  await page.check('input[value=rust-actix]');
  check(/stacks=go-gin,node-express,python-django,rust-actix/.test(await addressOf(page)), `a fourth stack joins the address (${(await addressOf(page)).slice(base.length)})`);
  check(await page.isDisabled('input[value=ruby-rails]'), 'with four chosen the other boxes are disabled');
  await page.uncheck('input[value=rust-actix]');
  await page.uncheck('input[value=python-django]');
  const pair = await page.getAttribute('#chooser-result a[href*="-vs-"]', 'href');
  check(/compare\/go-gin-vs-node-express\/$/.test(pair || ''), `two stacks link to their pair page (${pair})`);
  await page.focus('input[value=python-fastapi]');
  await page.keyboard.press('Space');
  check(/python-fastapi/.test(await addressOf(page)), `the keyboard ticks a stack too (${(await addressOf(page)).slice(base.length)})`);
  check(errors.length === 0, `no console errors on /compare/${errors.length ? `: ${errors}` : ''}`);
  await context.close();
}
{
  const { context, page } = await open('', { colorScheme: 'light' });
  await page.click('.theme-toggle');
  const dark = await page.evaluate(() => [document.documentElement.dataset.theme, getComputedStyle(document.body).backgroundColor]);
  check(dark[0] === 'dark' && dark[1] !== 'rgb(255, 255, 255)', `the toggle switches to dark (${dark})`);
  await page.goto(base + 'guide/');
  const kept = await page.evaluate(() => document.documentElement.dataset.theme);
  check(kept === 'dark', 'the choice is remembered on the next page, set before first paint');
  await context.close();
}

// Flowcharts: on a 1280 x 800 screen every chart of the guide is whole without scrolling
// sideways, its text at least 11 px tall; the checkbox shows it at 100%. On a phone the wizard
// and the list come first.
console.log('Flowcharts fit the screen');
for (const url of pages.filter((p) => /^decide\/[^/]+\/index\.html$/.test(p)).map((p) => p.replace(/index\.html$/, ''))) {
  const { context, page } = await open(url, { viewport: { width: 1280, height: 800 } });
  const measure = () => page.evaluate(() => {
    const svg = document.querySelector('#chart svg.flowchart');
    const region = svg.closest('.chart-scroll');
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const text = Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
    return { scale, text, natural: svg.viewBox.baseVal.width, inside: region.scrollWidth <= region.clientWidth, page: document.documentElement.scrollWidth };
  });
  const fit = await measure();
  check(fit.inside && fit.page <= 1280 && fit.text >= 11,
    `${url}: the whole chart (${Math.round(fit.natural)} px drawn) shows at ${Math.round(fit.scale * 100)}% without scrolling sideways, text ${fit.text.toFixed(1)} px tall`);
  await page.click('label[for=chart-zoom]');
  const full = await measure();
  check(Math.abs(full.scale - 1) < 0.01 && full.page <= 1280, `${url}: the checkbox shows it at 100% (${Math.round(full.scale * 100)}%), scrolling within its region`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const order = await page.evaluate(() => ['#wizard', '#questions', '#chart'].map((s) => document.querySelector(s).getBoundingClientRect().top));
  check(order[0] < order[2] && order[1] < order[2], `${url}: on a phone the wizard and the list come before the chart (${order.map(Math.round)})`);
  await context.close();
}

// Code blocks that scroll sideways can be reached with the keyboard, on every page that has one.
console.log('Code blocks');
{
  const withCode = pages.filter((p) => readFileSync(join(siteDir, p), 'utf8').includes('<pre class="code"'));
  const { context, page } = await open('');
  let scrolling = 0;
  const unreachable = [];
  for (const p of withCode) {
    await page.goto(base + p.replace(/index\.html$/, ''));
    const blocks = await page.$$eval('pre.code', (pres) => pres.map((pre) => [pre.scrollWidth > pre.clientWidth, pre.tabIndex]));
    scrolling += blocks.filter(([s]) => s).length;
    if (blocks.some(([, t]) => t < 0)) unreachable.push(p);
  }
  check(unreachable.length === 0, `every code block on ${withCode.length} pages is focusable (${scrolling} of them scroll sideways)${unreachable.length ? `; not on ${unreachable}` : ''}`);
  await context.close();
}

// Whatever scrolls sideways (a code block, a table, a chart) can be reached with the keyboard,
// at a laptop's width and at a phone's, on every page with a code block or a table.
console.log('Scrolling regions');
{
  const candidates = pages.filter((p) => /<pre class="code"|<table/.test(readFileSync(join(siteDir, p), 'utf8')));
  const unreachable = [];
  let scrolling = 0;
  for (const width of [1280, 390]) {
    const { context, page } = await open('', { viewport: { width, height: 800 } });
    for (const p of candidates) {
      await page.goto(base + p.replace(/index\.html$/, ''));
      const found = await page.$$eval('main *', (els) => els
        .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
        .map((el) => [el.tagName.toLowerCase(), el.tabIndex >= 0 || el.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])') !== null]));
      scrolling += found.length;
      for (const [tag, reachable] of found) if (!reachable) unreachable.push(`${p} (${tag}, ${width} px)`);
    }
    await context.close();
  }
  check(unreachable.length === 0, `${scrolling} regions that scroll sideways on ${candidates.length} pages, at 1280 and 390 px, can all be reached with the keyboard${unreachable.length ? `; not: ${unreachable.slice(0, 8).join(', ')}` : ''}`);
}

// The data to take away parses, and the print page prints as paper.
console.log('Data and print');
{
  const { context, page, errors } = await open('stacks/');
  const json = await page.evaluate(async (href) => (await (await fetch(href)).json()).stacks.length, await page.getAttribute('.data-links a[type="application/json"]', 'href'));
  const cards = (await page.$$('#stacks .stack-card')).length;
  check(json === cards, `/data/stacks.json, linked from /stacks/, holds every stack (${json} of ${cards})`);
  const csv = await page.evaluate(async (href) => (await fetch(href)).text(), await page.getAttribute('.data-links a[type="text/csv"]', 'href'));
  check(csv.startsWith('id,name,') && csv.includes('\r\n'), '/data/stacks.csv is linked and ends its lines in CRLF');
  await page.goto(base + 'guide/architecture/databases/');
  await page.click('.chapter-footer a');
  check(/print\/#p\.guide\.architecture\.databases$/.test(page.url()) && await page.isVisible('[id="p.guide.architecture.databases"]'), `a chapter's footer leads to it on the print page (${page.url()})`);
  await page.emulateMedia({ media: 'print' });
  const paper = await page.evaluate(() => {
    const external = [...document.querySelectorAll('.prose a[href^="http"]')][0];
    return { sidebar: document.querySelector('.sidebar'), header: getComputedStyle(document.querySelector('.print-header')).display, after: external && getComputedStyle(external, '::after').content };
  });
  check(paper.sidebar === null && paper.header === 'none' && /\(http/.test(paper.after || ''), `printed: no sidebar or header, external links show their address (${paper.after})`);
  check(errors.length === 0, `no console errors${errors.length ? `: ${errors}` : ''}`);
  await context.close();
}

// 5. Without JavaScript every page still has its content.
console.log('JavaScript off');
{
  for (const [kind, url] of Object.entries(kinds)) {
    const { context, page } = await open(url, { javaScriptEnabled: false });
    const text = await page.evaluate(() => document.querySelector('main').innerText.length);
    check(text > 40, `${kind}: content is there (${text} characters)`);
    await context.close();
  }
  const { context, page } = await open('stacks/', { javaScriptEnabled: false });
  check((await page.$$('#matrix tbody tr')).length >= 12, 'the comparison matrix is complete');
  await page.goto(base + 'decide/which-stack/');
  check(!(await page.isVisible('#wizard')), 'the wizard stays hidden');
  check((await page.$$('#questions .dl-result')).length > 5, 'the flowchart is readable as nested lists');
  await page.goto(base + 'stacks/java-spring-boot/');
  await page.click('#ratings sup.cite a >> nth=0');
  check(/#source-1$/.test(page.url()) && await page.isVisible('#source-1 a'), 'a source number leads to its source in the list');
  await page.goto(base + 'compare/');
  const stackCount = (await page.$$('#chooser-form input')).length;
  check(!(await page.isVisible('#chooser-form')) && (await page.$$('#pairs li a')).length === stackCount * (stackCount - 1) / 2,
    `/compare/ lists every pair of the ${stackCount} stacks and hides the form`);
  await page.goto(base + 'priorities/internal-tools/');
  check((await page.$$('#ranking tbody tr')).length === stackCount, 'a project type ranking lists every stack');
  await page.goto(base + 'support/');
  check(await page.isVisible('svg.timeline') && (await page.$$('#versions-table tbody tr')).length >= 1, 'the support timeline and its table are there');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(base + 'guide/');
  check(!(await page.isVisible('.sidebar-menu > ul')), 'on a phone the chapters are a closed menu');
  await page.click('.sidebar-menu summary');
  check(await page.isVisible('.sidebar-menu > ul'), 'and open when tapped');
  await context.close();
}

await browser.close();
server.close();
console.log(failures.length ? `\n${failures.length} failure(s)` : '\nall browser checks passed');
process.exit(failures.length ? 1 : 0);
