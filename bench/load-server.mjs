// A server process for bench/load.mjs: the real app on PGlite (or BENCH_DATABASE_URL), or with
// `bare`, a node:http server answering precomputed bytes: status, headers and body (the baseline;
// `two-headers`, `reading-body` and `spinning` are the informational variants below).
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const mode = process.argv[2];
if (mode === 'bare') {
  // argv: the body file, then a JSON file of [status, flat header list] captured from the app's
  // answer. With `two-headers` the body goes out with only content-type and content-length.
  const body = readFileSync(process.argv[3]);
  const [status, captured] = JSON.parse(readFileSync(process.argv[4], 'utf8'));
  const head = process.argv[5] === 'two-headers' ? ['content-type', captured[captured.indexOf('content-type') + 1], 'content-length', String(body.length)] : captured;
  // With `reading-body`, the request's body is read to its end before the answer, as any server
  // that acts on a POST must (the plain bare server lets node:http discard it).
  const readingBody = process.argv[5] === 'reading-body';
  // With `spinning`, 5 µs of busy JavaScript before each answer: what a little work per request
  // costs in this harness, where client and server share two cores.
  const spinMs = process.argv[5] === 'spinning' ? 0.005 : 0;
  const server = createServer((req, res) => {
    if (spinMs) for (const until = performance.now() + spinMs; performance.now() < until; );
    if (!readingBody) {
      res.writeHead(status, head);
      res.end(body);
      return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      res.writeHead(status, head);
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ url: `http://127.0.0.1:${server.address().port}` }));
} else {
  const { startApp } = await import('../dist/app.js');
  const { loadConfig } = await import('../dist/config/env.js');
  const { openDatabase } = await import('../dist/db/client.js');
  const { createLogger } = await import('../dist/shared/logger.js');
  const { createApiKey } = await import('../dist/access/api-keys.js');
  const { publishEdition } = await import('../dist/daily/build.js');
  const { dateIn } = await import('../dist/shared/dates.js');
  const url = process.env.BENCH_DATABASE_URL;
  const database = await openDatabase(url ? { url, dataDir: '' } : { dataDir: 'memory://' });
  const config = loadConfig({ PORT: '0', NODE_ENV: 'production', LOG_LEVEL: 'warn', RATE_LIMIT_API_KEY: '1000000000', RATE_LIMIT_ANONYMOUS: '1000000000' });
  const app = await startApp({ config, logger: createLogger('warn'), database });
  const { secret } = await createApiKey(database.db, 'bench');
  await publishEdition({ database, timeZone: 'UTC' }, dateIn('UTC', new Date()));
  process.send({ url: app.url, secret });
}
