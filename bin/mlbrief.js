#!/usr/bin/env node
// Runs the compiled CLI from dist/ (`npm run build`, or `npm start` once); it never compiles.
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('mlbrief: dist/ is not built: run `npm run build` (or `npm start`) in the checkout first\n');
  process.exit(2);
}
await import(main.href);
