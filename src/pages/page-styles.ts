import { createHash } from 'node:crypto';

/**
 * The style rules one page needs beyond the site's stylesheet: KaTeX lays formulas out with style
 * attributes, which a CSP without 'unsafe-inline' forbids, so each distinct attribute becomes a
 * class and its rules go into one <style> element whose hash the page's CSP allows.
 */
export class PageStyles {
  private readonly rules = new Map<string, string>();
  /** Whether the page shows a formula (and so needs KaTeX's stylesheet). */
  math = false;

  add(className: string, declarations: string): void {
    this.rules.set(className, declarations);
  }

  /** The rules in a fixed order, so the same page always renders the same bytes. */
  css(): string {
    return [...this.rules.keys()].sort().map((name) => `.${name}{${this.rules.get(name)}}`).join('');
  }
}

/** The CSP source for an inline <style> element's exact text. */
export function styleHash(css: string): string {
  return `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
}
