import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { backend } from '../support/database.js';
import { readerFixture, yesterday, type ReaderFixture } from './fixture.js';

/**
 * The reader in a real browser: Debian's Chromium (.ci/run installs it) driven by playwright-core.
 * One browser for the file; each test opens its pages in a context of its own.
 */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(executablePath);
if (!haveChromium) {
  console.warn(`\n${'!'.repeat(78)}\n!! BROWSER TESTS SKIPPED: no Chromium at ${executablePath} (apt-get install chromium, or set CHROMIUM_PATH)\n${'!'.repeat(78)}\n`);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const shots = 'test-results';
const widths = [360, 1280] as const;

interface Watched {
  page: Page;
  /** Console errors, failed requests and error statuses seen so far. */
  problems: string[];
}

// The pages a browser sees do not depend on the database under them (tests/pages/pages-http.test.ts
// runs on both): the browser runs once, in the PGlite pass, and spends its minute where it tells.
describe.skipIf(!haveChromium || backend !== 'pglite')(`the reader in Chromium on ${backend}`, () => {
  let fx: ReaderFixture;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    [fx, browser] = await Promise.all([
      readerFixture(),
      // The flags keep Chromium from calling home, which this machine's closed network refuses.
      chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  async function open(width: number, options: { touch?: boolean; dark?: boolean } = {}): Promise<Watched> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, hasTouch: options.touch ?? false, colorScheme: options.dark ? 'dark' : 'light' });
    contexts.push(context);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => void (r.status() >= 400 && problems.push(`${r.status()}: ${r.url()}`)));
    return { page, problems };
  }

  /** axe-core's serious and critical violations on the page as it is now. */
  async function accessibilityProblems(page: Page): Promise<string[]> {
    // Evaluated through DevTools, which the page's CSP does not govern (an injected <script> would be refused).
    await page.evaluate(axeSource);
    const violations = await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)");
    return (violations as { id: string; impact: string; nodes: { target: string[] }[] }[])
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  }

  // In-page code is passed as text: this project's TypeScript has no DOM types.
  const overflow = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
  const fontsLoaded = (page: Page) => page.evaluate('document.fonts.ready.then(() => true)');

  it.each(widths)("shows today's brief at %i px, readable, with no accessibility violation and nothing failing", async (width) => {
    const { page, problems } = await open(width);
    await page.goto(`${fx.app.url}/`);
    await fontsLoaded(page);
    expect(await page.locator('.concept-of-the-day .claim').isVisible()).toBe(true);
    expect(await page.locator('.story').count()).toBeGreaterThan(0);
    expect(await overflow(page)).toBe(0);
    await page.screenshot({ path: `${shots}/reader-brief-${width}.png`, fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('opens a card from a story link, formulas typeset by KaTeX and no LaTeX left raw', async () => {
    const { page, problems } = await open(1280);
    await page.goto(`${fx.app.url}/`);
    await page.locator('.story-concepts a[href="/concepts/residual-connections"]').first().click();
    await page.waitForURL('**/concepts/residual-connections');
    await fontsLoaded(page);
    const { title } = (await (await fetch(`${fx.app.url}/concepts/residual-connections`)).json()) as { title: string };
    expect(await page.locator('h1.claim').textContent()).toBe(title);
    const formula = page.locator('.formula .katex-html');
    expect(await formula.isVisible()).toBe(true);
    expect(await page.locator('.formula .katex-mathml math').count()).toBe(1);
    // The layout KaTeX wrote as style attributes arrived through the page's hashed <style>: struts have height.
    const strut = await page.evaluate("getComputedStyle(document.querySelector('.formula .katex-strut')).height");
    expect(strut).not.toBe('0px');
    expect(await page.evaluate("document.fonts.check('1em KaTeX_Main')")).toBe(true);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/\$[^$\n]*\\[a-zA-Z]+/);
    expect(text).not.toContain('\\mathcal');
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      expect(await overflow(page)).toBe(0);
      await page.screenshot({ path: `${shots}/reader-card-${width}.png`, fullPage: true });
    }
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("shows a card's diagram at 360 px and its self-check, whose answer opens with a tap and no script", async () => {
    const { page, problems } = await open(360, { touch: true });
    await page.goto(`${fx.app.url}/concepts/residual-connections`);
    const img = page.locator('.card-diagram img');
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction("document.querySelector('.card-diagram img').complete");
    expect(await page.evaluate<number>("document.querySelector('.card-diagram img').naturalWidth")).toBeGreaterThan(0);
    expect((await img.getAttribute('alt'))!.length).toBeGreaterThan(40);
    expect((await img.boundingBox())!.width).toBeLessThanOrEqual(360);
    expect(await overflow(page)).toBe(0);
    const first = page.locator('.quiz-question').first();
    expect(await first.locator('.quiz-answer p').first().isVisible()).toBe(false);
    await first.locator('summary').tap();
    expect(await first.locator('.quiz-answer p').first().isVisible()).toBe(true);
    await page.screenshot({ path: `${shots}/reader-card-diagram-360.png`, fullPage: true });
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('draws a diagram opened on its own under its CSP, light or dark, with nothing refused', async () => {
    const fills: string[] = [];
    for (const dark of [false, true]) {
      const { page, problems } = await open(480, { dark });
      const res = await page.goto(`${fx.app.url}/concepts/residual-connections/diagram.svg`);
      expect(res?.headers()['content-type']).toBe('image/svg+xml');
      // The inline <style> applies (the CSP allows it): the background follows the colour scheme.
      fills.push(await page.evaluate<string>("getComputedStyle(document.querySelector('rect.bg')).fill"));
      expect(problems).toEqual([]);
    }
    expect(fills).toEqual(['rgb(255, 255, 255)', 'rgb(26, 29, 36)']);
  });

  it('walks the deck by keyboard and by swipe, flips cards and keeps the place in localStorage', async () => {
    const { page, problems } = await open(360, { touch: true });
    await page.goto(`${fx.app.url}/concepts`);
    const count = page.locator('.deck-count');
    const current = page.locator('.deck-card.is-current');
    expect(await page.locator('.deck.deck--live').count()).toBe(1);
    expect(await page.locator('.deck-card:visible').count()).toBe(1);
    expect(await count.textContent()).toMatch(/^Card 1 of 100 · 1 seen today$/);
    const first = await current.getAttribute('data-slug');

    await page.keyboard.press('ArrowRight');
    expect(await count.textContent()).toMatch(/^Card 2 of 100/);
    expect(await current.getAttribute('data-slug')).not.toBe(first);
    expect(await current.locator('.back').isVisible()).toBe(false);
    await page.keyboard.press('Space');
    expect(await current.locator('.back').isVisible()).toBe(true);
    expect(await page.locator('[data-deck-action="flip"]').getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Space');
    expect(await current.locator('.back').isVisible()).toBe(false);
    await page.keyboard.press('ArrowLeft');
    expect(await current.getAttribute('data-slug')).toBe(first);

    // A tap flips; a swipe to the left moves on, to the right moves back.
    const box = (await current.boundingBox())!;
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    expect(await current.locator('.back').isVisible()).toBe(true);
    const cdp = await page.context().newCDPSession(page);
    const swipe = async (from: number, to: number) => {
      const y = box.y + 60;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: from, y }] });
      for (const x of [from + (to - from) / 3, from + (2 * (to - from)) / 3, to]) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    };
    await swipe(280, 60);
    expect(await count.textContent()).toMatch(/^Card 2 of 100 · 2 seen today$/);
    await swipe(280, 60);
    expect(await count.textContent()).toMatch(/^Card 3 of 100 · 3 seen today$/);
    await swipe(60, 280);
    expect(await count.textContent()).toMatch(/^Card 2 of 100/);
    await page.screenshot({ path: `${shots}/reader-deck-360.png`, fullPage: true });

    await page.reload();
    expect(await count.textContent()).toMatch(/^Card 2 of 100 · 3 seen today$/);
    expect(await accessibilityProblems(page)).toEqual([]);

    await page.selectOption('#filter-difficulty', 'advanced');
    await Promise.all([page.waitForURL('**/concepts?*difficulty=advanced'), page.locator('.filters button').click()]);
    expect(await count.textContent()).toMatch(/^Card 1 of \d+/);
    const levels = await page.locator('.deck-card .badge').allTextContents();
    expect(new Set(levels)).toEqual(new Set(['advanced']));
    expect(problems).toEqual([]);
  });

  it('is a paged list of the same cards without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${fx.app.url}/concepts`);
    expect(await page.locator('.deck-card:visible').count()).toBe(100);
    expect(await page.locator('.deck-card .back:visible').count()).toBe(100);
    await page.locator('a[rel="next"]').click();
    await page.waitForURL('**/concepts?page=2');
    expect(await page.locator('.deck-card:visible').count()).toBeGreaterThan(0);
  });

  it.each(['/concepts/no-such-card', '/tags/optimization', '/archive', `/daily/${yesterday}`])('%s has no serious accessibility violation, light or dark', async (path) => {
    for (const dark of [false, true]) {
      const { page, problems } = await open(360, { dark });
      const res = await page.goto(`${fx.app.url}${path}`);
      expect(await overflow(page)).toBe(0);
      expect(await accessibilityProblems(page)).toEqual([]);
      expect(problems.filter((p) => !(res?.status() === 404 && p.includes(path)) && !p.includes('404 (Not Found)'))).toEqual([]);
    }
  });

  it('follows the reader’s dark colour scheme', async () => {
    const light = await open(1280);
    const dark = await open(1280, { dark: true });
    for (const { page } of [light, dark]) await page.goto(`${fx.app.url}/`);
    const background = (p: Page) => p.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(await background(dark.page)).not.toBe(await background(light.page));
    await dark.page.screenshot({ path: `${shots}/reader-brief-dark-1280.png`, fullPage: true });
    expect(await accessibilityProblems(dark.page)).toEqual([]);
    expect([...light.problems, ...dark.problems]).toEqual([]);
  });
});
