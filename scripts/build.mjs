// Builds dist/: compiles src/ with tsc, then copies the API explorer's browser files (GraphiQL,
// React) into dist/explorer/, compressed ahead of time, so production installs need neither
// TypeScript nor those packages (they are devDependencies), and the reader's assets into
// dist/assets/ (scripts/build-assets.mjs). `--if-stale` builds only when a
// source is newer than the last build, and skips quietly when TypeScript is not installed
// (`npm ci --omit=dev` on a built checkout): what `npm start` runs.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { buildAssets } from './build-assets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const stamp = path.join(root, 'dist/.build-stamp');

/** Browser files of the explorer: served name → file inside an installed package. */
const explorerAssets = {
  'react.js': ['react', 'umd/react.production.min.js'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.css': ['graphiql', 'graphiql.min.css'],
};

function newestInput() {
  let newest = 0;
  const visit = (p) => {
    const info = statSync(p);
    if (info.isDirectory()) for (const entry of readdirSync(p)) visit(path.join(p, entry));
    else newest = Math.max(newest, info.mtimeMs);
  };
  for (const input of ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/build.mjs', 'scripts/build-assets.mjs']) {
    if (existsSync(path.join(root, input))) visit(path.join(root, input));
  }
  return newest;
}

function resolveIn(pkg, file) {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

function copyExplorer() {
  const out = path.join(root, 'dist/explorer');
  mkdirSync(out, { recursive: true });
  const manifest = {};
  for (const [name, [pkg, file]] of Object.entries(explorerAssets)) {
    const body = readFileSync(resolveIn(pkg, file));
    writeFileSync(path.join(out, name), body);
    writeFileSync(path.join(out, `${name}.br`), brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
    writeFileSync(path.join(out, `${name}.gz`), gzipSync(body, { level: 9 }));
    manifest[name] = { etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
  }
  writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

export async function build() {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
  copyExplorer();
  await buildAssets();
  writeFileSync(stamp, `${new Date().toISOString()}\n`);
}

const ifStale = process.argv.includes('--if-stale');
if (!ifStale) await build();
else {
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const canBuild = (() => {
    try {
      require.resolve('typescript/bin/tsc');
      return true;
    } catch {
      return false;
    }
  })();
  if (!canBuild) {
    if (!built) {
      console.error('mlbrief: dist/ is not built and TypeScript is not installed: run `npm ci` (with dev dependencies) and `npm run build`');
      process.exit(1);
    }
  } else if (newestInput() > built) await build();
}
