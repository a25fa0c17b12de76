import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What loading a source file loads with it: the files of src/ its static imports reach, followed
 * through src/, and the packages those import. Type-only imports (`import type …;`) bring no code
 * along and are skipped; `import()` is on demand and not followed.
 */
export function staticImports(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = readFileSync(file, 'utf8').replace(/^(import|export) type [^;]*;/gm, '');
    for (const [, from, bare] of source.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*'([^']+)'|^import\s*'([^']+)'/gm)) {
      const spec = from ?? bare!;
      if (spec.startsWith('node:')) continue;
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec).replace(/\.js$/, '.ts');
        if (existsSync(target)) visit(target);
      } else packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
    }
  };
  visit(path.resolve(entry));
  return { files, packages };
}
