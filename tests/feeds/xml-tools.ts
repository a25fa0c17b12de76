import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMAS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'schemas');

/** Whether xmllint (Debian: libxml2-utils) is on PATH; CI installs it, a laptop may not have it. */
export const hasXmllint = !spawnSync('xmllint', ['--version']).error;
export const NO_XMLLINT = 'xmllint not found (apt-get install libxml2-utils): XML validation skipped';

function xmllint(args: string[], input: string) {
  const run = spawnSync('xmllint', [...args, '-'], { input, encoding: 'utf8' });
  if (run.error) throw run.error;
  return { ok: run.status === 0, stdout: run.stdout, stderr: run.stderr };
}

/** Validates `xml` against tests/feeds/schemas/`schema`; `errors` is xmllint's report. */
export function relaxNg(xml: string, schema: 'rss2.rng' | 'atom.rng'): { valid: boolean; errors: string } {
  const run = xmllint(['--noout', '--relaxng', path.join(SCHEMAS, schema)], xml);
  return { valid: run.ok, errors: run.stderr };
}

/** The string value of an XPath 1.0 expression over `xml` (entities decoded by a real parser). */
export function xpathString(xml: string, expression: string): string {
  const run = xmllint(['--xpath', `string(${expression})`], xml);
  if (!run.ok && run.stderr) throw new Error(run.stderr);
  // xmllint ends what it prints with a newline of its own.
  return run.stdout.replace(/\n$/, '');
}

/** Parse errors libxml2's HTML parser reports for `html` (empty when it parses cleanly). */
export function htmlParseErrors(html: string): string {
  return xmllint(['--html', '--noout'], html).stderr;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);

/**
 * Mismatched tags in renderer output. A regex tokenizer is enough here precisely because the
 * renderers escape every "<" in text: any "<" left in the output must start a real tag.
 */
export function unbalancedTags(html: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  for (const [, close, rawName] of html.replace(/<!DOCTYPE[^>]*>/i, '').matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const name = rawName!.toLowerCase();
    if (VOID.has(name)) continue;
    if (!close) stack.push(name);
    else if (stack.pop() !== name) problems.push(`unexpected </${name}>`);
  }
  return [...problems, ...stack.map((n) => `unclosed <${n}>`)];
}
