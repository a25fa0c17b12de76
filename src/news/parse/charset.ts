import iconv from 'iconv-lite';

/**
 * Decodes feed bytes to text. Order: byte-order mark, then the HTTP charset, then the XML
 * declaration's encoding, else UTF-8. The encoding attribute is removed from the returned text's
 * XML declaration, because the text is no longer in that encoding.
 */
export function decodeFeed(body: Uint8Array, contentType: string | null): string {
  const bytes = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const encoding = fromBom(bytes) ?? supported(headerCharset(contentType)) ?? supported(declaredEncoding(bytes)) ?? 'utf-8';
  const text = iconv.decode(bytes, encoding, { stripBOM: true });
  return text.replace(/^\uFEFF/, '').replace(/^(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2/, '$1');
}

function fromBom(b: Buffer): string | null {
  const head = b.subarray(0, 4).toString('hex');
  if (head === 'fffe0000' || head === '3c000000') return 'utf-32le';
  if (head === '0000feff' || head === '0000003c') return 'utf-32be';
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  // No BOM but "<" or "<?" in UTF-32 or UTF-16: the XML declaration would be unreadable as ASCII.
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) return 'utf-16le';
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) return 'utf-16be';
  return null;
}

function headerCharset(contentType: string | null): string | null {
  const match = contentType?.match(/;\s*charset\s*=\s*["']?([^"';\s]+)/i);
  return match?.[1] ?? null;
}

function declaredEncoding(b: Buffer): string | null {
  const head = b.subarray(0, 512).toString('latin1');
  return head.match(/^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/)?.[1] ?? null;
}

function supported(name: string | null): string | null {
  if (!name) return null;
  const lower = name.toLowerCase();
  // A declaration of UTF-16 without a BOM is almost always a re-encoded document that is now UTF-8.
  if (lower === 'utf-16' || lower === 'utf16') return null;
  return iconv.encodingExists(lower) ? lower : null;
}
