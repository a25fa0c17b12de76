import { stringify } from 'yaml';
import { architectureDiagrams } from './catalog/architectures.js';
import { classicalMlDiagrams } from './catalog/classical-ml.js';
import { dataAndDecisionDiagrams } from './catalog/data-and-decisions.js';
import { deepLearningDiagrams } from './catalog/deep-learning.js';
import { functionDiagrams } from './catalog/functions.js';
import { llmSystemsDiagrams } from './catalog/llm-systems.js';
import { optimizationDiagrams } from './catalog/optimization.js';
import { statisticsDiagrams } from './catalog/statistics.js';
import { trainingSystemsDiagrams } from './catalog/training-systems.js';
import type { DiagramDefinition } from './catalog/types.js';
import { svgProblem } from '../seeds/read-diagrams.js';

/**
 * Every card's diagram, drawn from data or code: scripts/draw-diagrams.mjs writes them to
 * seeds/diagrams/ (SLUG.svg, and alt.yaml for the alt text), and a test checks that the committed
 * files are what this code draws.
 */
export const catalog: DiagramDefinition[] = [...architectureDiagrams, ...deepLearningDiagrams, ...functionDiagrams, ...optimizationDiagrams, ...statisticsDiagrams, ...classicalMlDiagrams, ...trainingSystemsDiagrams, ...dataAndDecisionDiagrams, ...llmSystemsDiagrams];

export interface DrawnDiagram {
  slug: string;
  alt: string;
  svg: string;
}

export function drawDiagrams(): DrawnDiagram[] {
  const seen = new Set<string>();
  for (const d of catalog) {
    if (seen.has(d.slug)) throw new Error(`two diagrams for ${d.slug}`);
    seen.add(d.slug);
  }
  return [...catalog]
    .sort((a, b) => (a.slug < b.slug ? -1 : 1))
    .map((d) => {
      const svg = d.draw();
      // What the seed loader would refuse is refused here, where the drawing is made.
      const problem = svgProblem(svg);
      if (problem) throw new Error(`diagram ${d.slug}: ${problem}`);
      return { slug: d.slug, alt: d.alt, svg };
    });
}

/** seeds/diagrams/alt.yaml: the alt text of every diagram, by slug. */
export function altYaml(diagrams: DrawnDiagram[]): string {
  const header = '# Written by scripts/draw-diagrams.mjs from src/content/diagrams/catalog: edit the alt text there.\n';
  return header + stringify({ diagrams: Object.fromEntries(diagrams.map((d) => [d.slug, d.alt])) }, { lineWidth: 0 });
}
