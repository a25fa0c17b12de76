import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { existsSync } from 'node:fs';
import { readDiagrams, type DiagramSeed } from './read-diagrams.js';
import { conceptSeed, sourcesFile, tagsFile, type ConceptSeed, type SourceSeed, type TagSeed } from './seed.schema.js';

export const defaultSeedsDir = fileURLToPath(new URL('../../../seeds', import.meta.url));

export interface SeedLibrary {
  tags: TagSeed[];
  concepts: ConceptSeed[];
  sources: SourceSeed[];
  /** Drawn by scripts/draw-diagrams.mjs into seeds/diagrams/; checks of cards alone may leave them out. */
  diagrams?: DiagramSeed[];
}

/** Reads and validates every seed file; the first invalid one fails with its file and field. */
export async function readSeedLibrary(seedsDir: string): Promise<SeedLibrary> {
  const tags = (await readSeedFile(path.join(seedsDir, 'tags.yaml'), tagsFile, seedsDir)).tags;
  const files = await yamlFilesUnder(path.join(seedsDir, 'concepts'));
  const concepts: ConceptSeed[] = [];
  for (const file of files) concepts.push(await readConceptFile(file, seedsDir));
  const sourcesPath = path.join(seedsDir, 'sources.yaml');
  const sources = existsSync(sourcesPath) ? (await readSeedFile(sourcesPath, sourcesFile, seedsDir)).sources : [];
  return { tags, concepts, sources, diagrams: await readDiagrams(seedsDir) };
}

export async function readConceptFile(file: string, seedsDir: string): Promise<ConceptSeed> {
  const concept = await readSeedFile(file, conceptSeed, seedsDir);
  const expected = path.basename(file, path.extname(file));
  if (concept.slug !== expected) {
    throw seedError(file, seedsDir, 'slug', `"${concept.slug}" must equal the file name "${expected}"`);
  }
  return concept;
}

async function readSeedFile<T extends z.ZodType>(file: string, schema: T, seedsDir: string): Promise<z.output<T>> {
  let raw: unknown;
  try {
    raw = parseYaml(await readFile(file, 'utf8'));
  } catch (error) {
    throw seedError(file, seedsDir, '(file)', (error as Error).message.split('\n')[0] ?? 'unreadable');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw seedError(file, seedsDir, issue.path.join('.') || '(root)', issue.message);
  }
  return parsed.data;
}

function seedError(file: string, seedsDir: string, field: string, message: string): AppError {
  const relative = path.relative(path.dirname(seedsDir), file);
  return new AppError('INVALID_SEED', `${relative}: ${field}: ${message}`);
}

export async function yamlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
