/** The frozen edition's shape is the editions.content column's: defined with the table. */
export type { EditionSnapshot } from '../db/schema/daily.js';
