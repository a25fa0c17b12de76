import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConceptFile, yamlFilesUnder } from '../../src/content/seeds/read-seeds.js';

const seedsDir = path.resolve(import.meta.dirname, '../../seeds');
const files = await yamlFilesUnder(path.join(seedsDir, 'concepts'));

describe('each concept file', () => {
  it.each(files.map((f) => [path.relative(seedsDir, f)]))('%s is a valid card', async (file) => {
    const card = await readConceptFile(path.join(seedsDir, file), seedsDir);
    expect(card.summary.length).toBeLessThanOrEqual(200);
  });
});
