/**
 * Bumped whenever this process publishes or rebuilds an edition, so in-process caches of edition
 * bytes drop them at once; other processes notice through the database stamp (cache/data-version).
 */
let generation = 0;

export function editionChanged(): void {
  generation++;
}

export function editionGeneration(): number {
  return generation;
}
