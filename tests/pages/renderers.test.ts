import { describe, expect, it } from 'vitest';
import { conceptsReason, coverageReason, relevanceReason, shownFromReason, weightReason } from '../../src/daily/rank/reasons.js';
import { renderArchivePage } from '../../src/pages/archive-page.js';
import { reasonsInWords, renderBriefPage } from '../../src/pages/brief-page.js';
import { conceptPageTemplate, fillConceptPage, renderConceptPage } from '../../src/pages/concept-page.js';
import { renderDeckPage } from '../../src/pages/deck-page.js';
import { renderErrorPage } from '../../src/pages/error-page.js';
import type { Site } from '../../src/pages/layout.js';
import { markdownHtml } from '../../src/pages/markdown.js';
import { formulaHtml } from '../../src/pages/math.js';
import { PageStyles } from '../../src/pages/page-styles.js';
import { renderTagPage } from '../../src/pages/tag-page.js';
import type { BriefView, CardView } from '../../src/pages/view-models.js';
import { contentSecurityPolicy } from '../../src/http/pages/page-cache.js';
import { htmlProblems, policyProblems } from './html-checks.js';

const site: Site = { origin: 'https://mlbrief.example', assets: { css: '/assets/reader.a.css', katexCss: '/assets/katex.b.css', deckJs: '/assets/deck.c.js', icon: '/assets/icon.d.svg' } };
const hostile = `<script>alert(1)</script> "quoted" & 'single'`;

const card: CardView = {
  slug: 'softmax',
  name: `Softmax ${hostile}`,
  title: `Softmax turns scores into probabilities ${hostile}`,
  summary: 'Exponentiate and normalise.',
  difficulty: 'beginner',
  tags: [{ slug: 'deep-learning-basics', name: 'Deep-learning basics' }],
  formula: { latex: '\\sigma(z)_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}', unicode: 'σ(z)ᵢ = e^{zᵢ} / Σⱼ e^{zⱼ}' },
  example: 'Scores `[1, 2]` give *about* **0.27** and 0.73.',
  image: { url: 'https://upload.example.org/softmax.png', alt: 'A bar chart', credit: 'Someone, via Commons', license: 'CC BY 4.0', sourceUrl: 'javascript:alert(1)' },
  explanations: [
    { kind: 'intuition', body: 'Bigger scores get *exponentially* more mass. <img src=x onerror=alert(1)>\n\n[a link](javascript:alert(1)) and [a good one](https://example.org/)' },
    { kind: 'pitfall', body: '# Not a heading\nOverflow: subtract the max first.' },
  ],
  references: [{ title: 'A paper', authors: 'A. Author', year: 2020, url: 'https://example.org/paper' }, { title: 'A book', authors: 'B. Author', year: 1999 }],
  quiz: [
    { question: `What do softmax outputs sum to? ${hostile}`, choices: ['0', '1', `The largest score ${hostile}`], answerIndex: 1, explanation: `Normalising makes them a distribution. ${hostile}` },
    { question: 'Does adding a constant to every score change the output?', choices: ['Yes', 'No', 'Only for negative scores'], answerIndex: 1, explanation: 'The constant cancels in the ratio.' },
  ],
  diagram: { url: '/concepts/softmax/diagram.svg', alt: `Softmax of three scores as bars ${hostile}` },
  related: [{ slug: 'logistic-regression', name: 'Logistic regression' }],
  prerequisites: [{ slug: 'linear-regression', name: 'Linear regression' }],
  stories: [{ title: 'A story', url: 'https://news.example.org/a', sourceName: 'News', publishedAt: new Date('2026-11-26T10:00:00Z') }],
};

const brief: BriefView = {
  date: '2026-11-27',
  preview: false,
  conceptOfTheDay: card,
  concepts: [{ slug: 'dropout', name: 'Dropout', title: 'Dropout regularizes', summary: 'Zero units at random.' }],
  stories: [
    {
      rank: 1,
      title: `Big news ${hostile}`,
      url: 'javascript:alert(1)',
      summary: 'What happened.',
      sourceName: 'Lab',
      alsoCoveredBy: [{ sourceName: 'News', url: 'https://news.example.org/x' }, { sourceName: 'Blog', url: null }],
      // The ranker's own sentences (src/daily/rank/reasons.ts), so a change of wording there shows here.
      reasons: [coverageReason(['Lab', 'News', 'Blog']), weightReason('Lab', 'lab.example.org', 5), conceptsReason(['Softmax']), relevanceReason(0.93, ['softmax'])],
      concepts: [{ slug: 'softmax', name: 'Softmax' }],
    },
  ],
  previous: '2026-11-26',
};

async function expectGoodPage(rendered: { html: string; styleHash: string | null }) {
  expect(await htmlProblems(rendered.html)).toEqual([]);
  expect(policyProblems(rendered.html, contentSecurityPolicy(rendered.styleHash))).toEqual([]);
  expect(rendered.html).not.toContain('<script>alert');
  expect(rendered.html).not.toMatch(/href="javascript:/);
}

describe('page renderers', () => {
  it('render every page as valid HTML that escapes what it shows and keeps to its CSP', async () => {
    await expectGoodPage(renderConceptPage(site, card));
    await expectGoodPage(renderBriefPage(site, brief, '/'));
    await expectGoodPage(renderBriefPage(site, { ...brief, preview: true, conceptOfTheDay: null, stories: [] }, '/daily/2026-11-27'));
    await expectGoodPage(renderDeckPage(site, { cards: [{ ...card, explanation: card.explanations[0]! }], page: 1, pageCount: 2, total: 101, filter: { tag: 'deep-learning-basics' }, tags: card.tags }));
    await expectGoodPage(renderTagPage(site, { tag: { slug: 'x', name: `Tag ${hostile}`, description: 'd' }, concepts: [card] }));
    await expectGoodPage(renderArchivePage(site, { editions: [{ date: '2026-11-27', conceptOfTheDay: card, topStory: hostile }], older: '2026-11-27', paged: true }));
    await expectGoodPage(renderErrorPage(site, 404, `There is no concept called ${hostile}.`, '/concepts/x'));
  });

  it('show the whole card: every explanation kind, example, formula, references, related and prerequisite concepts, stories', () => {
    const { html } = renderConceptPage(site, card);
    expect(html).toContain('<h2>Intuition</h2>');
    expect(html).toContain('<h2>Pitfall</h2>');
    expect(html).toContain('<p><strong>Not a heading</strong></p>');
    expect(html).toContain('<code>[1, 2]</code> give <em>about</em> <strong>0.27</strong>');
    expect(html).toContain('<span class="katex">');
    expect(html).toContain('<a href="https://example.org/paper" rel="noopener">A paper</a>, A. Author (2020)');
    expect(html).toContain('<li>A book, B. Author (1999)</li>');
    expect(html).toContain('<a href="/concepts/logistic-regression">Logistic regression</a>');
    expect(html).toContain('<a href="/concepts/linear-regression">Linear regression</a>');
    expect(html).toContain('<a class="tag" href="/tags/deep-learning-basics">Deep-learning basics</a>');
    expect(html).toContain('<a href="https://news.example.org/a" rel="noopener">A story</a>');
    // The picture is elsewhere: credited, licensed, never loaded (and a bad source URL never linked).
    expect(html).not.toContain('<img src="https://upload.example.org');
    expect(html).toContain('Someone, via Commons, CC BY 4.0');
    expect(html).toContain('<link rel="canonical" href="https://mlbrief.example/concepts/softmax">');
  });

  it('fill a kept card page with new stories: the same bytes as a whole render, the stories last', () => {
    const template = conceptPageTemplate(site, card);
    const later = [{ title: 'A later story', url: 'https://news.example.org/b', sourceName: 'Outlet', publishedAt: new Date('2026-11-28T08:00:00Z') }];
    expect(fillConceptPage(template, later)).toEqual(renderConceptPage(site, { ...card, stories: later }));
    const { html } = fillConceptPage(template, later);
    expect(html).toContain('<h2>In the news</h2><ul><li><a href="https://news.example.org/b" rel="noopener">A later story</a> <span class="meta">Outlet, <time datetime="2026-11-28">2026-11-28</time></span></li></ul></section>');
    expect(html).not.toContain('A story<');
    expect(html.indexOf('<h2>References</h2>')).toBeLessThan(html.indexOf('<h2>In the news</h2>'));
    expect(html).not.toContain('\u0000');
    // No stories, no section (and no empty heading).
    expect(fillConceptPage(template, []).html).not.toContain('In the news');
  });

  it('show a picture served from this origin with its credit and licence', () => {
    const { html } = renderConceptPage(site, { ...card, image: { ...card.image!, url: '/images/softmax.png', sourceUrl: 'https://commons.example.org/f' } });
    expect(html).toContain('<img src="/images/softmax.png" alt="A bar chart" loading="lazy"><figcaption>Someone, via Commons, CC BY 4.0 (<a href="https://commons.example.org/f" rel="noopener">source</a>)</figcaption>');
  });

  it('show the diagram with its alt text, and the quiz as a self-check whose answers open without script', () => {
    const { html } = renderConceptPage(site, card);
    expect(html).toContain('<figure class="card-diagram"><img src="/concepts/softmax/diagram.svg" alt="Softmax of three scores as bars &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;"></figure>');
    expect(html).toContain('<h2>Check yourself</h2>');
    const questions = [...html.matchAll(/<li class="quiz-question">([\s\S]*?)<\/details><\/li>/g)].map((m) => m[1]!);
    expect(questions).toHaveLength(2);
    expect(questions[0]).toContain('<ol class="quiz-choices" type="A"><li>0</li><li>1</li><li>The largest score &lt;script&gt;');
    expect(questions[0]).toContain('<details class="quiz-answer"><summary>Show the answer</summary><p><strong>B. 1</strong></p><p>Normalising makes them a distribution. &lt;script&gt;');
    expect(questions[1]).toContain('<strong>B. No</strong>');
    // The order on the card: the diagram before the formula, the quiz after the example and before what to read next.
    expect(html.indexOf('card-diagram')).toBeLessThan(html.indexOf('class="formula'));
    expect(html.indexOf('<h2>Example</h2>')).toBeLessThan(html.indexOf('Check yourself'));
    expect(html.indexOf('Check yourself')).toBeLessThan(html.indexOf('<h2>Tags</h2>'));
    // The brief shows a card short: its diagram, but no quiz.
    const brief = renderBriefPage(site, { date: '2026-11-27', preview: false, conceptOfTheDay: card, concepts: [], stories: [] }, '/').html;
    expect(brief).toContain('card-diagram');
    expect(brief).not.toContain('Check yourself');
    expect(renderConceptPage(site, { ...card, quiz: [], diagram: null }).html).not.toMatch(/card-diagram|Check yourself/);
  });

  it('give the reasons in words, without those that tell a reader nothing', () => {
    expect(reasonsInWords([coverageReason(['Lab']), 'published 5 hours before the edition'])).toEqual(['Published 5 hours before the edition.']);
    expect(reasonsInWords([shownFromReason('Engadget', 'The Verge', 2, 5), 'published 5 hours before the edition'])).toEqual(['Published 5 hours before the edition.']);
    expect(reasonsInWords(brief.stories[0]!.reasons)).toEqual(['Covered by 3 publishers: Lab, News and Blog.', 'Mentions Softmax.']);
    const { html } = renderBriefPage(site, brief, '/');
    expect(html).toContain('also covered by <a href="https://news.example.org/x" rel="noopener">News</a> and Blog');
    expect(html).toContain('<h3>Big news &lt;script&gt;');
  });
});

describe('formulas', () => {
  it('move KaTeX style attributes into classes whose rules the page collects', () => {
    const styles = new PageStyles();
    const html = formulaHtml(card.formula!, styles);
    expect(html).not.toMatch(/\sstyle="/);
    expect(styles.math).toBe(true);
    const css = styles.css();
    const classes = new Set([...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1]!.split(' ')).filter((c) => /^k\w{8}$/.test(c)));
    expect(classes.size).toBeGreaterThan(3);
    for (const name of classes) expect(css).toMatch(new RegExp(`\\.${name}\\{[^}]+!important`));
    expect(css).toMatch(/height:[\d.]+em!important/);
  });

  it('fall back to the Unicode form when KaTeX cannot parse the LaTeX', () => {
    const styles = new PageStyles();
    expect(formulaHtml({ latex: '\\frac{1', unicode: '1/2' }, styles)).toBe('<p class="formula formula--plain"><code>1/2</code></p>');
    expect(styles.math).toBe(false);
  });

  it('render Markdown without raw HTML, images or script links', () => {
    const html = markdownHtml('<b>x</b> ![i](https://x.example/y.png) [l](javascript:alert(1))');
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('href="javascript:');
  });
});
