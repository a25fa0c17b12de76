// Builds dist/assets/: the reader's stylesheet and deck script, and KaTeX's stylesheet and fonts,
// under content-hashed names (served as immutable), text files precompressed (brotli, gzip), and
// manifest.json naming them. `npm run build` runs it; so does the test suite's global setup.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const types = { css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8', svg: 'image/svg+xml', woff2: 'font/woff2' };

const hashOf = (bytes) => createHash('sha256').update(bytes).digest('base64url').replace(/[-_]/g, '').slice(0, 10);
const hashedName = (name, bytes) => name.replace(/\.([a-z0-9]+)$/, `.${hashOf(bytes)}.$1`);

export async function buildAssets(outDir = path.join(root, 'dist', 'assets')) {
  const files = [];
  const named = {};
  const add = (name, bytes, dir = '') => {
    const file = path.posix.join(dir, hashedName(name, bytes));
    const ext = name.split('.').pop();
    files.push({ path: `/assets/${file}`, file, type: types[ext], bytes, compress: ext !== 'woff2' });
    return `/assets/${file}`;
  };

  // KaTeX: woff2 only (every browser that runs the deck reads it); its CSS points at the hashed files.
  const katexDir = path.join(path.dirname(require.resolve('katex/package.json')), 'dist');
  const fonts = {};
  for (const font of (await readdir(path.join(katexDir, 'fonts'))).filter((f) => f.endsWith('.woff2'))) {
    fonts[font] = add(font, await readFile(path.join(katexDir, 'fonts', font)), 'fonts');
  }
  let katexCss = await readFile(path.join(katexDir, 'katex.min.css'), 'utf8');
  katexCss = katexCss.replace(/src:url\(fonts\/([\w-]+\.woff2)\) format\("woff2"\)(,url\([^)]*\) format\("[a-z]+"\))*/g, (_m, font) => {
    if (!fonts[font]) throw new Error(`KaTeX's stylesheet names a font it does not ship: ${font}`);
    return `src:url(${fonts[font]}) format("woff2")`;
  });
  if (/url\(fonts\//.test(katexCss)) throw new Error("KaTeX's stylesheet changed shape: a font URL was not rewritten");
  named['katex.css'] = add('katex.css', Buffer.from(katexCss));

  const own = path.join(root, 'src', 'pages', 'assets');
  for (const name of await readdir(own)) named[name] = add(name, await readFile(path.join(own, name)));

  const temporary = `${outDir}.tmp-${process.pid}`;
  await rm(temporary, { recursive: true, force: true });
  await mkdir(path.join(temporary, 'fonts'), { recursive: true });
  const manifest = { named, files: [] };
  for (const f of files) {
    await writeFile(path.join(temporary, f.file), f.bytes);
    const encodings = [];
    if (f.compress) {
      await writeFile(path.join(temporary, `${f.file}.br`), brotliCompressSync(f.bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      await writeFile(path.join(temporary, `${f.file}.gz`), gzipSync(f.bytes, { level: 9 }));
      encodings.push('br', 'gzip');
    }
    manifest.files.push({ path: f.path, file: f.file, type: f.type, encodings });
  }
  await writeFile(path.join(temporary, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await rm(outDir, { recursive: true, force: true });
  try {
    await rename(temporary, outDir);
  } catch (error) {
    // Another build (a parallel test run) got there first with the same inputs.
    await rm(temporary, { recursive: true, force: true });
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  }
  return manifest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await buildAssets();
