import { createHash } from 'node:crypto';
import { HtmlValidate } from 'html-validate';

// long-title is advice for search results, not validity: a concept's name may be long.
const validator = new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'long-title': 'off' } });

/** html-validate's messages for a document (empty when it is valid). */
export async function htmlProblems(html: string): Promise<string[]> {
  const report = await validator.validateString(html);
  return report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId} at ${m.line}:${m.column}: ${m.message}`));
}

/**
 * What a page must hold to keep its CSP and make no request off the origin: no inline script or
 * style attribute, its one <style> element allowed by hash, and every resource it loads a path on
 * this origin. Returns the problems found.
 */
export function policyProblems(html: string, csp: string | null): string[] {
  const problems: string[] = [];
  if (!csp) return ['no Content-Security-Policy header'];
  const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
  if (directives.get('default-src')?.join(' ') !== "'self'") problems.push(`default-src is not 'self': ${csp}`);
  if (/unsafe-inline|unsafe-eval|\*/.test(csp)) problems.push(`the CSP allows too much: ${csp}`);
  if (/\sstyle="/.test(html)) problems.push('a style attribute');
  if (/\son[a-z]+="/.test(html)) problems.push('an inline event handler');
  for (const [, attributes, body] of html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (!/\ssrc="\//.test(attributes!) || body!.trim()) problems.push('an inline script');
  }
  for (const [, css] of html.matchAll(/<style>([\s\S]*?)<\/style>/g)) {
    const hash = `'sha256-${createHash('sha256').update(css!).digest('base64')}'`;
    if (!directives.get('style-src')?.includes(hash)) problems.push('a <style> element the CSP does not allow');
  }
  for (const [, tag, attributes] of html.matchAll(/<(script|img|link|iframe|source|video|audio|embed|object)\b([^>]*)>/g)) {
    // Canonical and alternate links name addresses; a browser loads nothing from them.
    if (tag === 'link' && /\srel="(canonical|alternate)"/.test(attributes!)) continue;
    const url = /\s(?:src|href|data)="([^"]*)"/.exec(attributes!)?.[1];
    if (url === undefined || !url.startsWith('/') || url.startsWith('//')) problems.push(`<${tag}${attributes}> loads from another origin`);
  }
  return problems;
}
