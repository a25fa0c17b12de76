/**
 * Fixture feeds shaped like the real ones (the elements, namespaces and description texts those
 * feeds carry), for tests that ingest them from a local HTTP server.
 */
const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface ArxivItem {
  id: string; // 2503.01234
  version?: number;
  title: string;
  abstract: string;
  announce: 'new' | 'cross' | 'replace' | 'replace-cross';
  date: Date;
}

/** rss.arxiv.org/rss/<category> since 2024: announce type in an element and in the description. */
export function arxivRss(category: string, items: ArxivItem[]): string {
  return `<?xml version='1.0' encoding='UTF-8'?>
<rss xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">
  <channel>
    <title>${category} updates on arXiv.org</title>
    <link>http://rss.arxiv.org/rss/${category}</link>
    <description>${category} updates on the arXiv.org e-print archive.</description>
    <atom:link href="http://rss.arxiv.org/rss/${category}" rel="self" type="application/rss+xml"/>
    <language>en-us</language>
${items
  .map(
    (i) => `    <item>
      <title>${esc(i.title)}</title>
      <link>https://arxiv.org/abs/${i.id}</link>
      <description>arXiv:${i.id}v${i.version ?? 1} Announce Type: ${i.announce} 
Abstract: ${esc(i.abstract)}</description>
      <guid isPermaLink="false">oai:arXiv.org:${i.id}v${i.version ?? 1}</guid>
      <category>${category}</category>
      <pubDate>${i.date.toUTCString()}</pubDate>
      <arxiv:announce_type>${i.announce}</arxiv:announce_type>
      <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>
      <dc:creator>A. Author, B. Author</dc:creator>
    </item>`,
  )
  .join('\n')}
  </channel>
</rss>`;
}

export interface HnItem {
  id: number;
  title: string;
  /** The linked article; omitted for a self-post (Ask HN), which links to the item itself. */
  url?: string | null;
  points?: number | string | null;
  comments?: number | null;
  date: Date;
  /** Leave out <link> entirely (a broken aggregator item). */
  noLink?: boolean;
}

/** hnrss.org: points and comment counts in the description, the comments page in <comments> and <guid>. */
export function hnrss(items: HnItem[], query = 'AI'): string {
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Hacker News: Newest: "${query}"</title><link>https://news.ycombinator.com/</link><description>Hacker News RSS</description><docs>https://hnrss.org/</docs><generator>hnrss v2.1.1</generator>
${items
  .map((i) => {
    const thread = `https://news.ycombinator.com/item?id=${i.id}`;
    const link = i.url === undefined || i.url === null ? thread : i.url;
    const lines = [
      i.url ? `<p>Article URL: <a href="${esc(i.url)}">${esc(i.url)}</a></p>` : '<p>What do you all think?</p>',
      `<p>Comments URL: <a href="${thread}">${thread}</a></p>`,
      i.points === null || i.points === undefined ? '' : `<p>Points: ${i.points}</p>`,
      i.comments === null || i.comments === undefined ? '' : `<p># Comments: ${i.comments}</p>`,
    ];
    return `<item><title><![CDATA[${i.title}]]></title><description><![CDATA[\n${lines.join('\n')}\n]]></description><pubDate>${i.date.toUTCString()}</pubDate>${
      i.noLink ? '' : `<link>${esc(link)}</link>`
    }<dc:creator>someone</dc:creator><comments>${thread}</comments><guid isPermaLink="false">${thread}</guid></item>`;
  })
  .join('\n')}
</channel></rss>`;
}

export interface OutletItem {
  title: string;
  path: string;
  summary?: string;
  date: Date;
}

/** A news site's or a lab's WordPress-style feed: items on its own domain. */
export function outletRss(site: string, name: string, items: OutletItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>${esc(name)}</title><link>${site}</link><description>${esc(name)}</description>
${items
  .map(
    (i) =>
      `<item><title>${esc(i.title)}</title><link>${site.replace(/\/$/, '')}${i.path}</link><guid isPermaLink="true">${site.replace(/\/$/, '')}${i.path}</guid><pubDate>${i.date.toUTCString()}</pubDate><description>${esc(i.summary ?? '')}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}
