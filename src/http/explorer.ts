import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { ServerResponse } from 'node:http';
import path from 'node:path';

const require = createRequire(import.meta.url);
// Files outside the packages' "exports" maps: locate each package, then the file inside it.
const fileIn = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

/** GraphiQL from our own node_modules, so the explorer works with no network (no CDN). */
const assets: Record<string, { file: string; type: string }> = {
  'react.js': { file: fileIn('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: fileIn('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: fileIn('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: fileIn('graphiql', 'graphiql.min.css'), type: 'text/css' },
};

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

const cache = new Map<string, Buffer>();

export async function explorerRoute(res: ServerResponse, path: string): Promise<boolean> {
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
  const asset = path.startsWith('/explorer/') ? assets[path.slice('/explorer/'.length)] : undefined;
  if (!asset) return false;
  let body = cache.get(asset.file);
  if (!body) cache.set(asset.file, (body = await readFile(asset.file)));
  res.writeHead(200, {
    'content-type': `${asset.type}; charset=utf-8`,
    'content-length': body.length,
    'cache-control': 'public, max-age=86400',
  });
  res.end(body);
  return true;
}
