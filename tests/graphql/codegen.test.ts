import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script without types
import { generate, generatedFile } from '../../scripts/codegen.mjs';

describe('resolver types', () => {
  it('are generated from the current schema/*.graphql (run `npm run codegen` after editing the SDL)', async () => {
    expect(await readFile(generatedFile, 'utf8')).toBe(await generate());
  });
});
