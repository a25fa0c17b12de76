/**
 * The contracts between the ingest stages:
 *   fetch (I/O) → parse (pure) → normalize (pure) → link (pure) → store (ingest.ts, the orchestrator).
 */

// ---- fetch ---------------------------------------------------------------------------------

export interface FetchRequest {
  url: string;
  /** Validators stored from the last successful fetch, sent as If-None-Match / If-Modified-Since. */
  etag?: string | null;
  lastModified?: string | null;
}

export interface FetchOptions {
  /** One deadline for the whole request: connect, redirects, headers and body. */
  timeoutMs: number;
  /** Body cap in bytes, counted after decompression. */
  maxBytes: number;
  allowPrivateNetworks: boolean;
  userAgent: string;
  maxRedirects?: number; // default 5
}

export type FetchOutcome =
  | {
      kind: 'fetched';
      status: number;
      /** The URL after redirects. */
      url: string;
      body: Buffer;
      contentType: string | null;
      etag: string | null;
      lastModified: string | null;
    }
  | { kind: 'not-modified'; status: 304; url: string; etag: string | null; lastModified: string | null };

export type FetchErrorCode =
  | 'BAD_URL'
  | 'UNSUPPORTED_SCHEME'
  | 'BLOCKED_ADDRESS'
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'TOO_MANY_REDIRECTS'
  | 'REDIRECT_LOOP'
  | 'HTTP_ERROR'
  | 'NETWORK_ERROR';

export class FetchError extends Error {
  override name = 'FetchError';
  constructor(
    readonly code: FetchErrorCode,
    message: string,
    readonly details: { status?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
  }
}

// ---- parse ---------------------------------------------------------------------------------

export interface ParsedItem {
  guid: string | null;
  title: string | null;
  /** Absolute URL (relative links resolved against xml:base, the feed link or the feed URL). */
  link: string | null;
  /** HTML or text as the feed gave it (unsanitized). */
  summary: string | null;
  content: string | null;
  author: string | null;
  /** null when the feed gave no date or one that cannot be parsed. */
  publishedAt: Date | null;
  /** arXiv's <arxiv:announce_type> (new, cross, replace, replace-cross), where the feed has it. */
  announceType?: string | null;
  /** The first enclosure's absolute URL (a podcast's audio): an item's identity when it has no guid or link. */
  enclosure?: string | null;
}

export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title: string | null;
  siteUrl: string | null;
  items: ParsedItem[];
}

export type ParseErrorCode = 'NOT_A_FEED' | 'MALFORMED';

export class ParseError extends Error {
  override name = 'ParseError';
  constructor(
    readonly code: ParseErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---- normalize -----------------------------------------------------------------------------

export interface NormalizedItem {
  /** Stable per-source identity: guid, else canonical link, else a hash of title and date. */
  identity: string;
  guid: string | null;
  /** Canonical URL: tracking parameters and fragment removed, host lowercased. */
  url: string | null;
  title: string;
  /** Plain text, bounded length. */
  summary: string;
  /** Sanitized HTML (safe subset) or null. */
  contentHtml: string | null;
  author: string | null;
  /** arXiv id without version suffix (e.g. "2401.01234"), when the item is an arXiv paper. */
  arxivId: string | null;
  /** The feed's date, or null when missing, unparseable, absurd or in the future. */
  publishedAt: Date | null;
  /** Reader endorsement an aggregator showed (hnrss "Points: N", "# Comments: N"); null when none. */
  points: number | null;
  comments: number | null;
  /** How arXiv announced it (new, cross, replace, replace-cross); null for anything else. */
  arxivAnnounce: string | null;
}
