import { DbError } from '../db-error.js';

/** A MongoDB database command, as `db.runCommand` takes it: the first key names the command. */
export interface MongoCommand {
  name: string;
  document: Record<string, unknown>;
}

// Commands that only read; a pipeline that writes ($out, $merge) is checked apart.
const READ_COMMANDS = new Set(
  'find aggregate count distinct listCollections listIndexes listDatabases dbStats collStats dataSize buildInfo hello isMaster ismaster ping serverStatus hostInfo connectionStatus getParameter explain validate'.split(
    ' ',
  ),
);
const WRITING_STAGES = new Set(['$out', '$merge']);

/** Parses a command document written in (extended) JSON. */
export function parseMongoCommand(text: string): MongoCommand {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new DbError(
      'INVALID',
      `a mongo query is a command document in extended JSON, such as {"find": "users", "filter": {"age": {"$gt": 30}}}: ${(error as Error).message}`,
    );
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    throw new DbError('INVALID', 'a mongo query is one command document (a JSON object)');
  const name = Object.keys(document)[0];
  if (name === undefined)
    throw new DbError('INVALID', 'the command document is empty; its first key names the command');
  return { name, document: document as Record<string, unknown> };
}

/** The stage names of a pipeline at any depth ($facet, $lookup and $unionWith nest pipelines). */
function stagesIn(value: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const item of value) stagesIn(item, found);
  else if (value !== null && typeof value === 'object')
    for (const [key, inner] of Object.entries(value)) {
      if (key.startsWith('$')) found.add(key);
      stagesIn(inner, found);
    }
  return found;
}

/** Why a command is not read-only, or undefined when it only reads. */
export function mongoWriteReason(command: MongoCommand): string | undefined {
  const { name, document } = command;
  if (name === 'explain') {
    const inner = document.explain;
    if (inner === null || typeof inner !== 'object') return 'explain needs the command it explains';
    return mongoWriteReason({
      name: Object.keys(inner)[0] ?? '',
      document: inner as Record<string, unknown>,
    });
  }
  if (!READ_COMMANDS.has(name)) return `${name} is not a command berth knows to be read-only`;
  if (name === 'aggregate') {
    const writes = [...stagesIn(document.pipeline, new Set())].filter((s) => WRITING_STAGES.has(s));
    if (writes.length > 0) return `aggregate with ${writes.join(' and ')} writes its result to a collection`;
  }
  return undefined;
}
