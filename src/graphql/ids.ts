import { badInput } from '../shared/errors.js';

/** Opaque Relay global ids: base64url of "Type:key". Clients must not parse them. */
export type NodeType = 'Concept' | 'Tag' | 'Explanation' | 'Source' | 'Story' | 'DailyEdition' | 'ApiKey' | 'Subscriber' | 'IngestRun';
const nodeTypes: readonly string[] = ['Concept', 'Tag', 'Explanation', 'Source', 'Story', 'DailyEdition', 'ApiKey', 'Subscriber', 'IngestRun'] satisfies NodeType[];

export function toGlobalId(type: NodeType, id: number): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

export function fromGlobalId(globalId: string): { type: NodeType; id: number } {
  const [type, key, ...rest] = Buffer.from(globalId, 'base64url').toString('utf8').split(':');
  const id = Number(key);
  // Stored rows have ids from 1; an edition preview (not stored) has a negative one (daily/reading.ts).
  const valid = id >= 1 || (type === 'DailyEdition' && id <= -1);
  if (rest.length > 0 || !type || !nodeTypes.includes(type) || !Number.isSafeInteger(id) || !valid) {
    throw badInput('id is not a global id this API returned');
  }
  return { type: type as NodeType, id };
}

/** A global id that must name an object of `type`. */
export function idOf(type: NodeType, globalId: string): number {
  const decoded = fromGlobalId(globalId);
  if (decoded.type !== type) throw badInput(`id is not a ${type} id`);
  return decoded.id;
}
