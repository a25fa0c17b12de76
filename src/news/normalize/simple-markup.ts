/**
 * Most feed titles are plain text and many summaries are a paragraph or two with some emphasis.
 * For those shapes the output of sanitize-html is known without running it (which costs tens of
 * microseconds a call, mostly fixed overhead): a sanitized copy is the input itself, and the text
 * is the input without its tags. tests/news/normalize/simple-markup.test.ts checks both against
 * sanitize-html on generated fragments.
 */

/** Tags kept by sanitizing, with no attributes to check and no implied closing among them but <p>. */
const SIMPLE_TAGS = new Set(['p', 'em', 'strong', 'b', 'i', 'code', 'sub', 'sup']);

/** A bare tag, one of the three escapes sanitize-html writes back unchanged, or a character that needs the parser. */
const TOKEN = /<(\/?)([a-z]+)>|&(?:amp|lt|gt);|[<>&]/g;

/**
 * Whether the fragment is only text and bare lowercase tags from SIMPLE_TAGS, properly nested and
 * all closed, no <p> inside a <p>, with no "<", ">" or "&" in the text except &amp;, &lt; and &gt;.
 */
export function isSimpleMarkup(html: string): boolean {
  if (!/[<>&]/.test(html)) return true;
  const open: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(html); m !== null; m = TOKEN.exec(html)) {
    const [token, slash, name] = m;
    if (name === undefined) {
      if (token[0] === '&' && token.length > 1) continue;
      return false;
    }
    if (!SIMPLE_TAGS.has(name)) return false;
    if (slash) {
      if (open.pop() !== name) return false;
    } else {
      if (name === 'p' && open.includes('p')) return false;
      open.push(name);
    }
  }
  return open.length === 0;
}

/** The text of simple markup (see isSimpleMarkup): its tags removed, escapes left as they are. */
export function stripSimpleTags(html: string): string {
  return html.includes('<') ? html.replace(/<\/?[a-z]+>/g, '') : html;
}
