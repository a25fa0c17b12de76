import { request } from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentChanged } from '../../src/cache/data-version.js';
import { queryRows } from '../../src/db/client.js';
import { gql } from '../support/app.js';
import { backend } from '../support/database.js';
import { browserAccept, readerFixture, today, yesterday, type ReaderFixture } from './fixture.js';
import { htmlProblems, policyProblems } from './html-checks.js';

const page = (url: string, headers: Record<string, string> = {}) => fetch(url, { headers: { accept: browserAccept, ...headers } });

/** A response as sent: status, headers and the bytes on the wire (fetch would decompress them). */
function raw(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

const pages = ['/', `/daily/${yesterday}`, '/concepts', '/concepts?difficulty=advanced', '/concepts/residual-connections', '/tags/optimization', '/archive'];

describe(`the reader's pages over HTTP on ${backend}`, () => {
  let fx: ReaderFixture;
  let url: string;
  beforeAll(async () => {
    fx = await readerFixture();
    url = fx.app.url;
  });
  afterAll(() => fx.close());

  it.each(pages)('serves %s as valid HTML that keeps its CSP and loads nothing from elsewhere', async (path) => {
    const res = await page(`${url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    for (const [, asset] of html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)) {
      expect((await fetch(`${url}${asset}`)).status, asset).toBe(200);
    }
    expect(await htmlProblems(html)).toEqual([]);
    expect(policyProblems(html, res.headers.get('content-security-policy'))).toEqual([]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("shows today's brief: the concept of the day in full, four more, the stories with publishers and why, a subscribe form", async () => {
    const html = await (await page(`${url}/`)).text();
    const { data } = await (await fetch(`${url}/daily/${today}`)).json().then((d) => ({ data: d as any }));
    const [first, ...more] = data.concepts;
    expect(html).toContain(`<h2 class="claim">${first.title}</h2>`);
    expect(html).toContain('Concept of the day');
    for (const c of more) expect(html).toContain(`<a href="/concepts/${c.slug}">`);
    const stories = [...html.matchAll(/<li class="story" value="(\d)">/g)].map((m) => Number(m[1]));
    expect(stories).toEqual(data.topStories.map((s: any) => s.rank));
    expect(html).toMatch(/<span class="publisher">(Lab|News)<\/span> · also covered by <a href="https:\/\/lab\.example\.org\/residual" rel="noopener">(News|Lab)<\/a>/);
    expect(html).toMatch(/<strong>Why it matters<\/strong><\/p><ul><li>Covered by 2 publishers: (Lab and News|News and Lab)\.<\/li>/);
    expect(html).not.toMatch(/weight 5/);
    expect(html).toContain('Concepts: <a href="/concepts/residual-connections">Residual connections</a>');
    expect(html).toMatch(/<form method="post" action="\/subscribe">[\s\S]*<input id="subscribe-email" name="email" type="email"/);
    expect(html).toContain(`<a rel="prev" href="/daily/${yesterday}">`);
    expect(html).toContain('<a href="/archive">Archive</a>');
  });

  it('typesets formulas on the server and shows the whole card: KaTeX HTML and MathML, the LaTeX never shown raw', async () => {
    // What the card says comes from the library (it changes); what the page does with it is fixed.
    const { data } = await gql(url, `{ concept(slug: "residual-connections") { title formula { latex } references { title url } prerequisites { slug name } image { credit license } } }`);
    const card = data!.concept;
    const html = await (await page(`${url}/concepts/residual-connections`)).text();
    expect(html).toContain('<span class="katex">');
    expect(html).toMatch(/<math xmlns="http:\/\/www.w3.org\/1998\/Math\/MathML" display="block">/);
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/katex\.\w+\.css">/);
    const shown = html.replace(/<annotation[^>]*>.*?<\/annotation>/g, '');
    expect(shown).not.toContain(card.formula.latex.slice(0, 12));
    expect(html).toContain(`<h1 class="claim">${card.title}</h1>`);
    for (const part of ['Example', 'Know first', 'Related', 'References', 'In the news']) expect(html).toContain(`>${part}</h2>`);
    expect(html).toContain(`<a href="${card.references[0].url}" rel="noopener">${card.references[0].title}</a>`);
    for (const p of card.prerequisites) expect(html).toContain(`<a href="/concepts/${p.slug}">${p.name}</a>`);
    expect(html).toContain('<a href="https://lab.example.org/residual" rel="noopener">Residual connections make 1,000-layer transformers trainable</a>');
    // The picture lives on another origin: a link with its credit and licence, never an <img> from there.
    expect(html).not.toMatch(/<img src="(https?:)?\/\//);
    expect(html).toContain(`${card.image.credit}, ${card.image.license}`);
  });

  it('negotiates /concepts/SLUG and /daily/DATE by Accept with q-values; JSON stays byte-identical', async () => {
    // The JSON is GraphQL's Concept (issue 18; tests/api/rest-shape.test.ts compares it field by field).
    const expected = await (await fetch(`${url}/concepts/residual-connections`)).text();
    expect(JSON.parse(expected)).toMatchObject({ slug: 'residual-connections', difficulty: 'INTERMEDIATE', id: expect.not.stringMatching(/^\d+$/) });
    for (const accept of [undefined, '*/*', 'application/json', 'text/html;q=0.5, application/json', 'application/json, text/html;q=0.9', 'text/*;q=0.5, */*']) {
      const res = await fetch(`${url}/concepts/residual-connections`, { headers: accept ? { accept } : {} });
      expect(res.headers.get('content-type'), accept).toBe('application/json; charset=utf-8');
      expect(await res.text(), accept).toBe(expected);
      expect(res.headers.get('vary')).toContain('accept');
    }
    for (const accept of [browserAccept, 'text/html', 'application/json;q=0.8, text/html', 'text/*, application/json;q=0.9']) {
      const res = await fetch(`${url}/concepts/residual-connections`, { headers: { accept } });
      expect(res.headers.get('content-type'), accept).toBe('text/html; charset=utf-8');
      expect(res.headers.get('vary')).toBe('accept, accept-encoding');
    }
    const json = await (await fetch(`${url}/daily/${yesterday}`)).text();
    expect(JSON.parse(json).date).toBe(yesterday);
    expect(await (await fetch(`${url}/daily/${yesterday}`, { headers: { accept: 'application/json' } })).text()).toBe(json);
    expect((await page(`${url}/daily/${yesterday}`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await page(`${url}/daily/${yesterday}/email.html`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await (await page(`${url}/daily/${yesterday}/email.txt`)).text()).toMatch(/^mlbrief daily/);
  });

  it('compresses by Accept-Encoding, with an entity tag per coding, and answers conditional GETs with 304', async () => {
    const plain = await raw(`${url}/concepts`, { accept: 'text/html' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const [coding, header] of [['br', 'gzip, deflate, br'], ['gzip', 'gzip'], ['gzip', 'br;q=0.5, gzip'], [undefined, 'br;q=0, gzip;q=0']] as const) {
      const res = await raw(`${url}/concepts`, { accept: 'text/html', 'accept-encoding': header });
      expect(res.headers['content-encoding'], header).toBe(coding);
      expect(res.headers.vary).toBe('accept-encoding');
      if (coding) expect(res.body.length).toBeLessThan(plain.body.length / 3);
    }
    const decoded = await (await page(`${url}/concepts`, { 'accept-encoding': 'br' })).text();
    expect(decoded).toBe(plain.body.toString('utf8'));

    const br = await raw(`${url}/`, { accept: browserAccept, 'accept-encoding': 'br' });
    const gz = await raw(`${url}/`, { accept: browserAccept, 'accept-encoding': 'gzip' });
    const etag = br.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+-br"$/);
    expect(gz.headers.etag).not.toBe(etag);
    expect(br.headers['cache-control']).toBe('public, max-age=300');
    const again = await raw(`${url}/`, { accept: browserAccept, 'accept-encoding': 'br', 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.body.length).toBe(0);
    expect((await raw(`${url}/`, { accept: browserAccept, 'accept-encoding': 'gzip', 'if-none-match': etag })).status).toBe(200);
    expect((await raw(`${url}/`, { accept: browserAccept, 'accept-encoding': 'br', 'if-modified-since': br.headers['last-modified'] as string })).status).toBe(304);
    const card = await raw(`${url}/concepts/dropout`, { accept: browserAccept });
    expect((await raw(`${url}/concepts/dropout`, { accept: browserAccept, 'if-none-match': card.headers.etag as string })).status).toBe(304);
  });

  it("serves a card's diagram as an SVG that can run nothing, cached and compressed like a page; 404 for a card without one", async () => {
    const [row] = await queryRows<{ slug: string; alt: string; svg: string }>(
      fx.database.db,
      sql`select slug, diagram_alt as alt, diagram_svg as svg from concepts where diagram_svg is not null and status = 'published' order by slug limit 1`,
    );
    const path = `/concepts/${row!.slug}/diagram.svg`;
    // An <img> asks with an image Accept header; a browser opening the file asks for HTML first.
    for (const accept of ['image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8', browserAccept]) {
      const res = await raw(`${url}${path}`, { accept });
      expect(res.status, accept).toBe(200);
      expect(res.headers['content-type']).toBe('image/svg+xml');
      expect(res.body.toString('utf8')).toBe(row!.svg);
      expect(res.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.headers.vary).toBe('accept-encoding');
    }
    const br = await raw(`${url}${path}`, { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.body.length).toBeLessThan(row!.svg.length / 2);
    const again = await raw(`${url}${path}`, { 'accept-encoding': 'br', 'if-none-match': br.headers.etag as string });
    expect(again.status).toBe(304);
    expect(again.headers['content-security-policy']).toBe(br.headers['content-security-policy']);
    expect((await raw(`${url}${path}`, { 'if-none-match': br.headers.etag as string })).status).toBe(200);

    const [without] = await queryRows<{ slug: string }>(fx.database.db, sql`select slug from concepts where diagram_svg is null and status = 'published' order by slug limit 1`);
    for (const missing of [`/concepts/${without!.slug}/diagram.svg`, '/concepts/no-such-concept/diagram.svg']) {
      const res = await fetch(`${url}${missing}`, { headers: { accept: 'image/*' } });
      expect(res.status, missing).toBe(404);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('shows the diagram and the self-check on the card page, as valid HTML within its CSP', async () => {
    const [row] = await queryRows<{ slug: string; alt: string; quiz: any }>(
      fx.database.db,
      sql`select slug, diagram_alt as alt, quiz from concepts where diagram_svg is not null and jsonb_array_length(quiz) > 0 and status = 'published' order by slug limit 1`,
    );
    const quiz = typeof row!.quiz === 'string' ? JSON.parse(row!.quiz) : row!.quiz;
    const res = await page(`${url}/concepts/${row!.slug}`);
    const html = await res.text();
    expect(html).toContain(`<img src="/concepts/${row!.slug}/diagram.svg" alt="${row!.alt.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}">`);
    expect(html.match(/<details class="quiz-answer">/g)).toHaveLength(quiz.length);
    expect(await htmlProblems(html)).toEqual([]);
    expect(policyProblems(html, res.headers.get('content-security-policy'))).toEqual([]);
    const img = await fetch(`${url}/concepts/${row!.slug}/diagram.svg`);
    expect(img.status).toBe(200);
  });

  it('keeps each page within 100 KB compressed (HTML, CSS and JS; fonts aside)', async () => {
    for (const path of pages) {
      const res = await raw(`${url}${path}`, { accept: browserAccept, 'accept-encoding': 'br' });
      const html = (await (await page(`${url}${path}`)).text());
      let total = res.body.length;
      for (const [, asset] of html.matchAll(/<(?:link rel="stylesheet"|script) (?:href|src)="(\/assets\/[^"]+)"/g)) {
        total += (await raw(`${url}${asset}`, { 'accept-encoding': 'br' })).body.length;
      }
      expect(total, path).toBeLessThanOrEqual(100 * 1024);
    }
  });

  it('answers an unknown slug or tag with a 404 page for browsers and NOT_FOUND JSON for everyone else', async () => {
    // /daily/2001-01-01: before this installation's first news, so no edition (PRODUCT.md, The daily edition).
    for (const path of ['/concepts/no-such-concept', '/tags/no-such-tag', '/concepts?tag=no-such-tag', '/concepts?page=99', '/daily/2001-01-01', '/assets/no-such.css']) {
      const html = await page(`${url}${path}`);
      expect(html.status, path).toBe(404);
      expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const body = await html.text();
      expect(body).toContain('<h1>Nothing here</h1>');
      expect(await htmlProblems(body)).toEqual([]);
      expect(policyProblems(body, html.headers.get('content-security-policy'))).toEqual([]);
      const json = await fetch(`${url}${path}`);
      expect(json.status, path).toBe(404);
      expect(((await json.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    }
  });

  it('answers a malformed date or filter with 400', async () => {
    for (const path of ['/daily/2026-02-30', '/daily/2999-01-01', '/daily/yesterday', '/archive?before=soon', '/concepts?difficulty=hard', '/concepts?page=0']) {
      const html = await page(`${url}${path}`);
      expect(html.status, path).toBe(400);
      expect(await html.text()).toContain('<h1>That address is not quite right</h1>');
      const json = await fetch(`${url}${path}`);
      if (path.startsWith('/daily/yesterday')) continue; // not a date at all: no JSON route matches it
      expect(json.status, path).toBe(400);
      expect(((await json.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('serves the API explorer at /explorer and at GET /graphql for browsers; GraphQL clients still get GraphQL', async () => {
    for (const path of ['/explorer', '/graphql']) {
      const res = await page(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain('<title>mlbrief API explorer</title>');
    }
    const query = await fetch(`${url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(await query.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('renders a page again once the data version moves, and not before', async () => {
    const before = await page(`${url}/concepts/dropout`);
    const tag = before.headers.get('etag')!;
    expect((await page(`${url}/concepts/dropout`)).headers.get('etag')).toBe(tag);
    await fx.database.db.execute(sql`update concepts set title = 'Dropout, retitled', content_hash = 'changed' where slug = 'dropout'`);
    let html = '';
    // Another process's write shows within 2 s (the data version's stamp is re-read each second).
    for (let i = 0; i < 50 && !html.includes('Dropout, retitled'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      html = await (await page(`${url}/concepts/dropout`)).text();
    }
    expect(html).toContain('<h1 class="claim">Dropout, retitled</h1>');
  });

  it("reads only a card's stories again after news: its own content stands until the concepts change", async () => {
    const card = `${url}/concepts/batch-normalization`;
    expect(await (await page(card)).text()).toContain('<h1 class="claim">');
    // A write the content's stamp does not see (no new content_hash): shown only if the card's content is read again.
    await fx.database.db.execute(sql`update concepts set title = 'Unseen title' where slug = 'batch-normalization'`);
    await fx.database.db.execute(sql`insert into stories (source_id, identity, url, title, summary, published_at)
      select min(id), 'test:bn-news', 'https://news.example.org/bn', 'Batch normalization news of the day', 'A story.', now() from sources`);
    await fx.database.db.execute(sql`insert into story_concepts (story_id, concept_id)
      select s.id, c.id from stories s, concepts c where s.identity = 'test:bn-news' and c.slug = 'batch-normalization'`);
    // What another process's ingest pass leaves: a new run in the stamp (seen within 2 s).
    await fx.database.db.execute(sql`insert into ingest_runs (trigger) values ('cli')`);
    let html = '';
    for (let i = 0; i < 50 && !html.includes('Batch normalization news of the day'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      html = await (await page(card)).text();
    }
    expect(html).toContain('Batch normalization news of the day');
    expect(html).not.toContain('Unseen title');
    // The concepts' stamp moves (as seeding a changed card does): the card's content is read again.
    await fx.database.db.execute(sql`update concepts set content_hash = 'changed' where slug = 'batch-normalization'`);
    for (let i = 0; i < 50 && !html.includes('Unseen title'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      html = await (await page(card)).text();
    }
    expect(html).toContain('<h1 class="claim">Unseen title</h1>');
  });

  it('keeps the entity tag and Last-Modified of a page that comes out the same after the data version moved', async () => {
    const first = await raw(`${url}/tags/optimization`, { accept: browserAccept, 'accept-encoding': 'br' });
    // Last-Modified has whole seconds: a page made again a second later would say so.
    await new Promise((r) => setTimeout(r, 1100));
    contentChanged();
    const again = await raw(`${url}/tags/optimization`, { accept: browserAccept, 'accept-encoding': 'br' });
    expect(again.body.equals(first.body)).toBe(true);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(again.headers['last-modified']).toBe(first.headers['last-modified']);
    contentChanged();
    const since = await raw(`${url}/tags/optimization`, { accept: browserAccept, 'accept-encoding': 'br', 'if-modified-since': first.headers['last-modified'] as string });
    expect(since.status).toBe(304);
  });

  it('links feeds and e-mails to the pages', async () => {
    const feed = (await (await fetch(`${url}/feed/daily.json`)).json()) as any;
    const item = feed.items.find((i: any) => i.url.endsWith(`/daily/${today}`));
    const conceptLink = /href="([^"]+\/concepts\/[a-z0-9-]+)"/.exec(item.content_html)![1]!;
    for (const link of [item.url, conceptLink, feed.home_page_url]) {
      const res = await page(link);
      expect(res.status, link).toBe(200);
      expect(res.headers.get('content-type'), link).toBe('text/html; charset=utf-8');
    }
    const email = await (await fetch(`${url}/daily/${today}/email.html`)).text();
    expect(email).toContain(`href="${url}/daily/${today}"`);
    expect(email).not.toContain('as JSON');
  });
});
