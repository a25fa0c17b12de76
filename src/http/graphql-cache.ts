import { Kind, parse, print, type OperationDefinitionNode } from 'graphql';
import type { DataVersion } from '../cache/data-version.js';
import { Lru } from '../cache/lru.js';

/** Root fields whose answers change only when the data version moves (editions, content). */
const cacheableRootFields = new Set(['daily', '__typename']);
/** Far above any daily query; a bigger document is simply not cached. */
const maxTokens = 2000;
/**
 * Answers are reused for at most this long even while the data version stands: \`daily\` without a
 * date before the first edition is a preview of today, which must roll over at midnight.
 */
const reuseForMs = 60_000;
/** Raw bodies longer than this are parsed each time (the memo stays small). */
const maxRememberedBody = 4096;
const maxScopesPerBody = 16;

/** Who an answer was given to: responses differ by the caller's kind (anonymous, key, admin) and what it accepts. */
export interface Scope {
  kind: string;
  accept: string;
}

export type Classified = { kind: 'cacheable'; document: string } | { kind: 'mutation' } | { kind: 'other' };

export interface CachedResponse {
  version: number;
  /** performance.now() when it was stored. */
  storedAt?: number;
  status: number;
  /** Apollo's headers (rate-limit headers left out: they are the caller's) and content-length, as writeHead's flat list. */
  head: string[];
  /** The same for a GET: with the answer's ETag and its Cache-Control (public for anonymous reads) instead of no-store. */
  getHead: string[];
  /** Quoted, as sent; If-None-Match is compared with it. */
  etag: string;
  /** What a GET of this answer may be cached for (a 304 repeats it). */
  cacheControl: string;
  body: Buffer;
  /** The rate limit of the scope that asked (undefined when it is not limited); a hit is charged `cachedCost`. */
  charge: { limit: number; windowSeconds: number } | undefined;
}

/**
 * Serialized GraphQL responses for queries that read only frozen or slow-changing data, keyed by
 * the normalized document, operation name, variables, Accept and auth scope (anonymous, key, admin).
 */
export class GraphQLResponseCache {
  private readonly documents = new Lru<string, Classified>(500);
  private readonly responses = new Lru<string, CachedResponse>(500);
  /**
   * Raw bodies already seen as a cacheable query, with the answers given to them per scope: a
   * repeat needs neither JSON.parse nor a second lookup (the hot path of issue 7).
   */
  private readonly bodies = new Lru<string, KnownBody>(500);
  /**
   * The body forBody last found, as bytes: a repeat of the most asked query (one app's daily query
   * from all its users) is recognised by one byte comparison, without decoding or hashing it.
   */
  private hot: { raw: Buffer; known: KnownBody } | undefined;

  /** What a POSTed JSON body asks for; parses a document only the first time it is seen. */
  classify(body: unknown): Classified & { key?: string } {
    if (!body || typeof body !== 'object' || Array.isArray(body)) return { kind: 'other' };
    const { query, operationName, variables, extensions } = body as Record<string, unknown>;
    if (typeof query !== 'string' || extensions !== undefined) return { kind: 'other' };
    if (operationName != null && typeof operationName !== 'string') return { kind: 'other' };
    if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return { kind: 'other' };
    const memo = `${operationName ?? ''}\0${query}`;
    let classified = this.documents.get(memo);
    if (!classified) this.documents.set(memo, (classified = classifyDocument(query, operationName ?? undefined)));
    if (classified.kind !== 'cacheable') return classified;
    return { ...classified, key: JSON.stringify([classified.document, operationName ?? null, variables ?? null]) };
  }

  /**
   * An answer still valid for a raw body (and content type) already seen, for this scope: one byte
   * comparison when it is the body found last, else one lookup. `version` is read only for a known
   * body (reading it may cost a statement); `now` is a performance.now() reading.
   */
  forBody(contentType: string | undefined, raw: Buffer, scope: Scope, version: DataVersion, now: number): CachedResponse | undefined {
    let known: KnownBody | undefined;
    if (this.hot?.raw.equals(raw)) known = this.hot.known;
    else {
      known = this.bodies.get(raw.toString('utf8'));
      // A copy: the request's bytes may be a view of a larger buffer the socket read into.
      if (known) this.hot = { raw: Buffer.from(raw), known };
    }
    if (!known || known.contentType !== contentType) return undefined;
    let hit: CachedResponse | undefined;
    for (const a of known.answers) if (a.kind === scope.kind && a.accept === scope.accept) hit = a.response;
    if (!hit) return undefined;
    const current = version.current(now);
    return typeof current === 'number' && valid(hit, current, now) ? hit : undefined;
  }

  /**
   * An answer still valid for a GET request target already seen (path and query string, as sent),
   * for this scope: one lookup, no URL parsing. `now` is a performance.now() reading.
   */
  forGet(target: string, scope: Scope, version: DataVersion, now: number): CachedResponse | undefined {
    const known = this.bodies.get(getKey(target));
    if (!known || known.contentType !== getContentType) return undefined;
    let hit: CachedResponse | undefined;
    for (const a of known.answers) if (a.kind === scope.kind && a.accept === scope.accept) hit = a.response;
    if (!hit) return undefined;
    const current = version.current(now);
    return typeof current === 'number' && valid(hit, current, now) ? hit : undefined;
  }

  /** The answer for a normalized document in `scope` (any body that normalizes to it). */
  get(scope: Scope, key: string, version: number): CachedResponse | undefined {
    const hit = this.responses.get(responseKey(scope, key));
    return hit && valid(hit, version) ? hit : undefined;
  }

  /** Stores an answer, and links it to the raw body it came from for the one-lookup path. */
  set(scope: Scope, key: string, response: CachedResponse, body: { contentType: string | undefined; raw: string }): void {
    const stored = { ...response, storedAt: performance.now() };
    this.responses.set(responseKey(scope, key), stored);
    this.link(body.contentType, body.raw, scope, stored);
  }

  /** Links an answer found by document to the raw body that asked (a new body for a known document). */
  link(contentType: string | undefined, raw: string, scope: Scope, response: CachedResponse): void {
    if (raw.length > maxRememberedBody) return;
    let known = this.bodies.get(raw);
    if (!known || known.contentType !== contentType) {
      this.bodies.set(raw, (known = { contentType, answers: [] }));
      // The hot body may have been this one under another content type: find it again by lookup.
      this.hot = undefined;
    }
    const answer = { kind: scope.kind, accept: scope.accept, response };
    const i = known.answers.findIndex((a) => a.kind === scope.kind && a.accept === scope.accept);
    if (i !== -1) known.answers[i] = answer;
    // Scopes are few (anonymous, key, admin × Accept values); a flood of odd Accept headers starts the list over.
    else if (known.answers.length >= maxScopesPerBody) known.answers = [answer];
    else known.answers.push(answer);
  }
}

/** GET request targets share the raw-body memo under their own content type. */
export const getContentType = '\0GET';
export const getKey = (target: string) => `GET ${target}`;

/** The responses map's key: scope and normalized document. */
const responseKey = (scope: Scope, key: string) => `${scope.kind}\0${scope.accept}\0${key}`;

interface KnownBody {
  contentType: string | undefined;
  /** Per scope, compared by value: a short list, searched without building a key per request. */
  answers: (Scope & { response: CachedResponse })[];
}

function valid(hit: CachedResponse, version: number, now = performance.now()): boolean {
  return hit.version === version && now - hit.storedAt! < reuseForMs;
}

function classifyDocument(query: string, operationName: string | undefined): Classified {
  let document;
  try {
    document = parse(query, { maxTokens, noLocation: true });
  } catch {
    return { kind: 'other' };
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (operations.some((o) => o.operation === 'mutation')) return { kind: 'mutation' };
  if (!operation || operation.operation !== 'query') return { kind: 'other' };
  const fields = operation.selectionSet.selections;
  const cacheable =
    fields.every((f) => f.kind === Kind.FIELD && cacheableRootFields.has(f.name.value)) &&
    fields.some((f) => f.kind === Kind.FIELD && f.name.value === 'daily');
  return cacheable ? { kind: 'cacheable', document: print(document) } : { kind: 'other' };
}
