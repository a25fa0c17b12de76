import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { slug } from './seed.schema.js';

/** A card's diagram: `seeds/diagrams/SLUG.svg`, its alt text from `seeds/diagrams/alt.yaml`. */
export interface DiagramSeed {
  slug: string;
  alt: string;
  svg: string;
}

export const altFileName = 'alt.yaml';

const altFile = z.strictObject({
  diagrams: z.record(slug, z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters')),
});

const maxSvgBytes = 100_000;

/**
 * What a served diagram must not contain: script, event handlers, links or references that leave
 * the file, embedded HTML. The CSP it is served with forbids these too; this keeps them out of the
 * database in the first place.
 */
export function svgProblem(svg: string): string | undefined {
  if (Buffer.byteLength(svg) > maxSvgBytes) return `larger than ${maxSvgBytes} bytes`;
  if (!/^<svg\s[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/.test(svg)) return 'must start with <svg xmlns="http://www.w3.org/2000/svg"';
  if (!/<title[^>]*>[^<]+<\/title>/.test(svg) || !/<desc[^>]*>[^<]+<\/desc>/.test(svg)) return 'needs a <title> and a <desc>';
  if (/<script|<foreignObject|<iframe|<!ENTITY|<!DOCTYPE/i.test(svg)) return 'must not contain script, foreignObject, iframe, DOCTYPE or ENTITY';
  if (/\son[a-z]+\s*=/i.test(svg)) return 'must not carry event handler attributes';
  if (/\s(xlink:)?href\s*=|url\(\s*['"]?(?!#)/i.test(svg)) return 'must not link or refer to anything outside itself';
  return undefined;
}

/** Every diagram under `seedsDir/diagrams`, by slug; none when the folder does not exist. */
export async function readDiagrams(seedsDir: string): Promise<DiagramSeed[]> {
  const dir = path.join(seedsDir, 'diagrams');
  if (!existsSync(dir)) return [];
  const where = (file: string) => path.relative(path.dirname(seedsDir), path.join(dir, file));
  let alts: Record<string, string>;
  try {
    const parsed = altFile.safeParse(parseYaml(await readFile(path.join(dir, altFileName), 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new AppError('INVALID_SEED', `${where(altFileName)}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    alts = parsed.data.diagrams;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('INVALID_SEED', `${where(altFileName)}: (file): ${(error as Error).message.split('\n')[0]}`);
  }
  const files = (await readdir(dir)).filter((f) => f.endsWith('.svg')).sort();
  const diagrams: DiagramSeed[] = [];
  for (const file of files) {
    const name = file.slice(0, -'.svg'.length);
    if (!slug.safeParse(name).success) throw new AppError('INVALID_SEED', `${where(file)}: the file name must be a card's slug`);
    const alt = alts[name];
    if (alt === undefined) throw new AppError('INVALID_SEED', `${where(file)}: no alt text for ${name} in ${altFileName}`);
    const svg = await readFile(path.join(dir, file), 'utf8');
    const problem = svgProblem(svg);
    if (problem) throw new AppError('INVALID_SEED', `${where(file)}: ${problem}`);
    diagrams.push({ slug: name, alt, svg });
  }
  const drawn = new Set(diagrams.map((d) => d.slug));
  const orphan = Object.keys(alts).find((s) => !drawn.has(s));
  if (orphan) throw new AppError('INVALID_SEED', `${where(altFileName)}: diagrams.${orphan}: there is no ${orphan}.svg`);
  return diagrams;
}
