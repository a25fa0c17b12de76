export { buildConceptMatcher, type ConceptTerms } from './matcher.js';
