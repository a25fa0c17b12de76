/** A JSON array body is a batch of operations; we refuse batches (OWASP: one operation per request). */
export function isBatch(body: unknown): boolean {
  return Array.isArray(body);
}
