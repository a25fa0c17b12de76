import { existsSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import { isConditional, notModified, type Validators } from '../conditional.js';
import { pickEncoding, type Encoding } from '../negotiate.js';
import type { Site } from '../../pages/layout.js';

// Two folders below the package root both from src/http/pages (tests) and dist/http/pages (built).
export const defaultAssetsDir = fileURLToPath(new URL('../../../dist/assets/', import.meta.url));

interface Manifest {
  named: Record<string, string>;
  files: { path: string; file: string; type: string; encodings: ('br' | 'gzip')[] }[];
}

interface Variant {
  body: Buffer;
  /** writeHead's flat list; the last value is the request id, set per response. */
  head: (string | number)[];
}

interface Asset {
  validators: Validators;
  variants: Partial<Record<Encoding, Variant>>;
}

const forever = 'public, max-age=31536000, immutable';

/**
 * The built assets (scripts/build-assets.mjs), read into memory once: content-hashed names, so
 * they are cached for good; each text file as brotli, gzip and plain, chosen by Accept-Encoding.
 */
export class Assets {
  readonly urls: Site['assets'];
  private readonly byPath = new Map<string, Asset>();

  constructor(dir = defaultAssetsDir) {
    const manifestFile = `${dir}/manifest.json`;
    if (!existsSync(manifestFile)) throw new Error(`the reader's assets are not built (no ${manifestFile}): run \`npm run build\``);
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    const url = (name: string) => {
      const found = manifest.named[name];
      if (!found) throw new Error(`the asset manifest names no ${name}: run \`npm run build\``);
      return found;
    };
    this.urls = { css: url('reader.css'), katexCss: url('katex.css'), deckJs: url('deck.js'), icon: url('icon.svg') };
    for (const f of manifest.files) {
      const etag = `"${f.file.split('.').at(-2)}"`;
      const variant = (file: string, encoding?: string): Variant => {
        const body = readFileSync(`${dir}/${file}`);
        const head: (string | number)[] = ['content-type', f.type, 'content-length', body.length, 'etag', encoding ? etag.replace(/"$/, `-${encoding}"`) : etag, 'cache-control', forever];
        if (encoding) head.push('content-encoding', encoding);
        if (f.encodings.length) head.push('vary', 'accept-encoding');
        head.push('x-content-type-options', 'nosniff', 'x-request-id', '');
        return { body, head };
      };
      const variants: Asset['variants'] = { identity: variant(f.file) };
      if (f.encodings.includes('br')) variants.br = variant(`${f.file}.br`, 'br');
      if (f.encodings.includes('gzip')) variants.gzip = variant(`${f.file}.gz`, 'gzip');
      this.byPath.set(f.path, { validators: { etag, lastModified: new Date(0).toUTCString(), cacheControl: forever }, variants });
    }
  }

  /** Answers GET/HEAD of an asset; false when there is no such asset. */
  answer(req: IncomingMessage, res: ServerResponse, path: string, requestId: string): boolean {
    const asset = this.byPath.get(path);
    if (!asset) return false;
    const v = asset.variants[pickEncoding(req.headers['accept-encoding'])] ?? asset.variants.identity!;
    const etag = v.head[v.head.indexOf('etag') + 1] as string;
    if (isConditional(req) && notModified(req, res, { ...asset.validators, etag }, { 'x-request-id': requestId })) return true;
    v.head[v.head.length - 1] = requestId;
    res.writeHead(200, v.head);
    res.end(req.method === 'HEAD' ? undefined : v.body);
    return true;
  }
}
