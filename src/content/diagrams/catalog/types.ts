/** A card's diagram: what it shows in words (alt text) and the code that draws it. */
export interface DiagramDefinition {
  slug: string;
  alt: string;
  draw: () => string;
}
