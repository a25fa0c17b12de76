import type { Column } from 'drizzle-orm';

/**
 * Maps rows that PostgreSQL built as JSON (`to_jsonb(t)`: column names as keys, timestamps as ISO
 * strings) back to the shape drizzle gives for the same columns, using each column's own decoder.
 * Queries that nest rows in JSON (one statement instead of one per relation) share this.
 */
export function jsonRowMapper<Row>(columns: Record<string, Column>): (json: Record<string, unknown>) => Row {
  const entries = Object.entries(columns).map(([key, column]) => [key, column.name, column] as const);
  return (json) => {
    const row: Record<string, unknown> = {};
    for (const [key, name, column] of entries) {
      const value = json[name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row as never;
  };
}
