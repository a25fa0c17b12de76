import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pickEncoding } from './negotiate.js';
import { etagMatches } from './conditional.js';

/**
 * GraphiQL and React as `npm run build` copied them into dist/explorer/, each also brotli- and
 * gzip-compressed there (the script is 3.5 MB raw): the explorer works with no network (no CDN)
 * and a production install carries none of those packages.
 */
const assetDir = new URL('../../dist/explorer/', import.meta.url);
const assetTypes: Record<string, string> = {
  'react.js': 'text/javascript',
  'react-dom.js': 'text/javascript',
  'graphiql.js': 'text/javascript',
  'graphiql.css': 'text/css',
};

interface Asset {
  type: string;
  etag: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
}

const defaultQuery = `# Welcome to mlbrief: ML concepts and the daily brief.
{
  concepts(first: 5) {
    totalCount
    edges { node { slug title summary tags { slug } } }
  }
}
`;

const page = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>mlbrief API explorer</title>
<link rel="stylesheet" href="/explorer/graphiql.css">
<style>html, body, #explorer { height: 100%; margin: 0; }</style>
</head>
<body>
<div id="explorer">Loading the explorer…</div>
<script src="/explorer/react.js"></script>
<script src="/explorer/react-dom.js"></script>
<script src="/explorer/graphiql.js"></script>
<script src="/explorer/start.js"></script>
</body>
</html>
`;

// In a file of its own so a strict Content-Security-Policy (no inline scripts) can be kept.
const start = `const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
ReactDOM.createRoot(document.getElementById('explorer')).render(
  React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(defaultQuery)} }),
);
`;

const loaded = new Map<string, Promise<Asset>>();

async function loadAsset(name: string, type: string): Promise<Asset> {
  const manifest = JSON.parse(await readFile(new URL('manifest.json', assetDir), 'utf8')) as Record<string, { etag: string }>;
  const [identity, br, gzip] = await Promise.all(['', '.br', '.gz'].map((suffix) => readFile(new URL(`${name}${suffix}`, assetDir))));
  return { type, etag: manifest[name]!.etag, identity: identity!, br: br!, gzip: gzip! };
}

export async function explorerRoute(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
  if (path === '/explorer') {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:",
    });
    res.end(page);
    return true;
  }
  if (path === '/explorer/start.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
    res.end(start);
    return true;
  }
  const name = path.startsWith('/explorer/') ? path.slice('/explorer/'.length) : '';
  const type = assetTypes[name];
  if (!type) return false;
  let pending = loaded.get(name);
  if (!pending) loaded.set(name, (pending = loadAsset(name, type)));
  const asset = await pending.catch((error: unknown) => {
    loaded.delete(name);
    throw error;
  });
  const headers: Record<string, string | number> = {
    'content-type': `${asset.type}; charset=utf-8`,
    etag: asset.etag,
    'cache-control': 'public, max-age=86400',
    vary: 'accept-encoding',
  };
  if (etagMatches(req.headers['if-none-match'], asset.etag)) {
    res.writeHead(304, headers).end();
    return true;
  }
  const encoding = pickEncoding(req.headers['accept-encoding']);
  const body = encoding === 'identity' ? asset.identity : asset[encoding];
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = body.length;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
  return true;
}
