/**
 * arXiv identifiers: new style `YYMM.NNNN(N)` (since 2007) and old style `archive(.SC)/YYMMNNN`,
 * each with an optional version suffix (`v2`) that we drop, so all versions are one paper.
 */
const ID = String.raw`(\d{4}\.\d{4,5}|[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?`;

const ARXIV_HOSTS = new Set(['arxiv.org', 'www.arxiv.org', 'export.arxiv.org']);
const PATH = new RegExp(String.raw`^/(?:abs|pdf|html|format)/${ID}(?:\.pdf)?/?$`);
/** GUIDs arXiv's own feeds use: `oai:arXiv.org:2401.01234v2`, and the bare `arXiv:2401.01234`. */
const GUID = new RegExp(String.raw`^(?:oai:arxiv\.org:|arxiv:)${ID}$`, 'i');

function idFromParsedUrl(url: URL): string | null {
  if (!ARXIV_HOSTS.has(url.hostname.toLowerCase())) return null;
  return PATH.exec(url.pathname)?.[1] ?? null;
}

/** `https://arxiv.org/abs/<id>` for any abs/pdf/html link to an arXiv paper, else null. */
export function canonicalArxivUrl(url: URL): string | null {
  const id = idFromParsedUrl(url);
  return id ? `https://arxiv.org/abs/${id}` : null;
}

/** The version-less arXiv id named by a link or a GUID; null unless it is clearly arXiv's. */
export function arxivId(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const fromGuid = GUID.exec(text)?.[1];
  if (fromGuid) return fromGuid;
  // canParse first: most GUIDs are not URLs, and a throw is far slower than the check.
  return URL.canParse(text) ? idFromParsedUrl(new URL(text)) : null;
}
