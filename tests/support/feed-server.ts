import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: IncomingMessage, res: ServerResponse) => unknown;

/** A real HTTP server on 127.0.0.1 serving fixture feeds; tests never reach the internet. */
export async function startFeedServer(routes: Record<string, Route>) {
  const hits = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes[path];
    if (!route) {
      res.writeHead(404).end('not found');
      return;
    }
    void Promise.resolve(route(req, res)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    url: (path: string) => `${base}${path}`,
    hits: (path: string) => hits.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const xml = (body: string | Buffer, headers: Record<string, string> = {}): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', ...headers });
  res.end(body);
};

export function rss(items: { title: string; link?: string; guid?: string; date?: string; description?: string }[], channel = 'Fixture feed') {
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${channel}</title><link>https://example.org/</link>
${items
  .map(
    (i) => `<item><title>${i.title}</title>${i.link ? `<link>${i.link}</link>` : ''}${i.guid ? `<guid>${i.guid}</guid>` : ''}${
      i.date ? `<pubDate>${i.date}</pubDate>` : ''
    }${i.description ? `<description>${i.description}</description>` : ''}</item>`,
  )
  .join('\n')}
</channel></rss>`;
}
