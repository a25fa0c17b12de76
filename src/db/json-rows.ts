import { sql, type Column, type SQL } from 'drizzle-orm';

/** Column types whose value in PostgreSQL's JSON is already what drizzle gives for the column. */
const sameInJson = new Set(['PgText', 'PgVarchar', 'PgInteger', 'PgSerial', 'PgBoolean', 'PgEnumColumn', 'PgJson', 'PgJsonb']);

/**
 * `json_build_object('imageUrl', alias."image_url", …)`: a row as JSON under drizzle's keys, so it
 * needs no renaming in JS (see jsonRowDecoder). Queries that nest rows in JSON (one statement
 * instead of one per relation) share this. Keys and names come from the schema, never input.
 */
export function jsonObjectOf(alias: string, columns: Record<string, Column>): SQL {
  const pairs = Object.entries(columns).map(([key, c]) => `'${key}', ${alias}."${c.name}"`);
  return sql.raw(`json_build_object(${pairs.join(', ')})`);
}

/**
 * Decodes, in place, the values of rows built by jsonObjectOf that JSON cannot carry as drizzle
 * gives them (timestamps become Dates); undefined when no column needs it, so a page of rows that
 * only hold text, numbers and enums is used as parsed (issue 7: the copy showed in the cold query).
 */
export function jsonRowDecoder(columns: Record<string, Column>): ((row: object) => void) | undefined {
  const decoded = Object.entries(columns).filter(([, column]) => !sameInJson.has(column.columnType));
  if (decoded.length === 0) return undefined;
  return (row) => {
    const json = row as Record<string, unknown>;
    for (const [key, column] of decoded) {
      const value = json[key];
      json[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
  };
}
