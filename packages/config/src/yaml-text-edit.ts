import { type Document, isMap, isScalar, isSeq, type Pair, parseDocument, type YAMLMap } from 'yaml';
import { isPlainObject } from './config-layer.js';
import { YAML_PARSE_OPTIONS } from './config-text.js';
import { renderAfterColon, renderBlockEntries, renderBlockSeq, renderInline } from './yaml-render.js';

/** One change to a YAML file: set a value at a key path, or delete the key. */
export type EditOp = { kind: 'set'; path: string[]; value: unknown } | { kind: 'delete'; path: string[] };

/** The surgical editor does not handle this layout; the caller falls back to a whole-document edit. */
export class UnsupportedEdit extends Error {}

type Node = YAMLMap | Document['contents'];

function lineStart(text: string, pos: number): number {
  return text.lastIndexOf('\n', pos - 1) + 1;
}

function column(text: string, pos: number): number {
  return pos - lineStart(text, pos);
}

/** The position after the newline that ends the line holding `pos` (or the end of text). */
function afterLine(text: string, pos: number): number {
  if (pos > 0 && text[pos - 1] === '\n') return pos;
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl + 1;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key) as Pair | undefined;
}

function range(node: unknown): [number, number, number] {
  const r = (node as { range?: [number, number, number] | null }).range;
  if (!r) throw new UnsupportedEdit('node without source range');
  return r;
}

function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow && node.items.length > 0;
}

function mapColumn(text: string, map: YAMLMap): number {
  const first = map.items[0];
  if (!first) throw new UnsupportedEdit('empty map');
  return column(text, range(first.key)[0]);
}

/** The indentation step the file uses, from its first nested block mapping; 2 when it has none. */
function indentUnit(text: string, contents: unknown): number {
  if (!isBlockMap(contents)) return 2;
  const top = mapColumn(text, contents);
  for (const pair of contents.items) {
    if (isBlockMap(pair.value)) {
      const step = mapColumn(text, pair.value) - top;
      if (step >= 1 && step <= 8) return step;
    }
  }
  return 2;
}

function nest(path: readonly string[], value: unknown): unknown {
  return path.reduceRight<unknown>((inner, key) => ({ [key]: inner }), value);
}

function colonAfterKey(text: string, pair: Pair): number {
  const colon = text.indexOf(':', range(pair.key)[1]);
  if (colon < 0) throw new UnsupportedEdit('no colon after key');
  return colon;
}

function splice(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

/** Replaces the value of `pair` (in a block map at `indent`), touching no byte outside it. */
function replaceValue(text: string, pair: Pair, value: unknown, indent: number, unit: number): string {
  const node = pair.value;
  if (node === null || node === undefined || (isScalar(node) && range(node)[0] === range(node)[1])) {
    const colon = colonAfterKey(text, pair);
    const after = renderAfterColon(value, indent + unit, unit);
    if (!after.startsWith('\n')) return splice(text, colon + 1, colon + 1, after.slice(0, -1));
    const next = afterLine(text, colon);
    return splice(
      text,
      next,
      next,
      `${next === text.length && !text.endsWith('\n') ? '\n' : ''}${after.slice(1)}`,
    );
  }
  const [start, end] = range(node);
  const grows =
    (isPlainObject(value) && Object.keys(value).length > 0) || (Array.isArray(value) && value.length > 0);
  if ((isMap(node) || isSeq(node)) && node.flow && node.items.length === 0 && grows) {
    // `profiles: {}` left by removing the last profile: grow it back into block style.
    const colon = colonAfterKey(text, pair);
    return splice(text, colon + 1, afterLine(text, end), renderAfterColon(value, indent + unit, unit));
  }
  const block =
    ((isMap(node) || isSeq(node)) && !node.flow) ||
    (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED'));
  if (!block) return splice(text, start, end, renderInline(value));
  const stop = afterLine(text, end);
  // Keep the block style (and its indentation) when the new value is again a non-empty list or mapping.
  if (isSeq(node) && Array.isArray(value) && value.length > 0) {
    return splice(text, lineStart(text, start), stop, renderBlockSeq(value, column(text, start)));
  }
  if (isMap(node) && isPlainObject(value) && Object.keys(value).length > 0) {
    return splice(text, lineStart(text, start), stop, renderBlockEntries(value, column(text, start), unit));
  }
  const colon = colonAfterKey(text, pair);
  return splice(text, colon + 1, stop, renderAfterColon(value, indent + unit, unit));
}

function insertPair(text: string, map: YAMLMap, key: string, value: unknown, unit: number): string {
  const end = afterLine(text, range(map)[1]);
  const prefix = end === text.length && text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  return splice(text, end, end, prefix + renderBlockEntries({ [key]: value }, mapColumn(text, map), unit));
}

function setIn(text: string, contents: Node, path: string[], value: unknown, unit: number): string {
  if (
    contents === null ||
    (isScalar(contents) && contents.value === null && range(contents)[0] === range(contents)[1])
  ) {
    const sep = text.length > 0 && !text.endsWith('\n') ? '\n' : '';
    return text + sep + renderBlockEntries(nest(path, value) as Record<string, unknown>, 0, unit);
  }
  let map: unknown = contents;
  for (let i = 0; i < path.length; i++) {
    if (!isBlockMap(map)) throw new UnsupportedEdit('not a block mapping');
    const key = path[i] as string;
    const rest = path.slice(i + 1);
    const pair = findPair(map, key);
    if (!pair) return insertPair(text, map, key, nest(rest, value), unit);
    if (rest.length > 0 && isBlockMap(pair.value)) {
      map = pair.value;
      continue;
    }
    const indent = mapColumn(text, map);
    if (rest.length === 0) return replaceValue(text, pair, value, indent, unit);
    // A flow mapping, an empty value or a scalar on the way: rewrite that one value whole.
    const current = isMap(pair.value) ? (pair.value.toJSON() as Record<string, unknown>) : {};
    return replaceValue(text, pair, setPlain(current, rest, value), indent, unit);
  }
  throw new UnsupportedEdit('empty path');
}

function deleteIn(text: string, contents: Node, path: string[], unit: number): string {
  let map: unknown = contents;
  let holder: { pair: Pair; indent: number } | undefined;
  for (let i = 0; i < path.length - 1; i++) {
    if (!isBlockMap(map)) return text;
    const pair = findPair(map, path[i] as string);
    if (!pair || !isMap(pair.value)) return text;
    if (pair.value.flow) {
      const current = pair.value.toJSON() as Record<string, unknown>;
      const next = deletePlain(current, path.slice(i + 1));
      return replaceValue(text, pair, next, mapColumn(text, map), unit);
    }
    holder = { pair, indent: mapColumn(text, map) };
    map = pair.value;
  }
  if (!isBlockMap(map)) {
    if (map === null || isMap(map)) return text;
    throw new UnsupportedEdit('not a block mapping');
  }
  const pair = findPair(map, path[path.length - 1] as string);
  if (!pair) return text;
  if (map.items.length === 1) {
    if (holder) return replaceValue(text, holder.pair, {}, holder.indent, unit);
    const [start, end] = range(map);
    return splice(text, start, afterLine(text, end), '{}\n');
  }
  const keyStart = range(pair.key)[0];
  const start = lineStart(text, keyStart);
  if (text.slice(start, keyStart).trim() !== '') throw new UnsupportedEdit('key does not start its line');
  const end = pair.value ? range(pair.value)[2] : colonAfterKey(text, pair) + 1;
  return splice(text, start, afterLine(text, end), '');
}

/** Plain-object version of a set, used for flow values and to compute the intended result. */
export function setPlain(target: Record<string, unknown>, path: readonly string[], value: unknown) {
  const out = structuredClone(target);
  let at = out;
  path.forEach((key, i) => {
    if (i === path.length - 1) at[key] = structuredClone(value);
    else {
      if (!isPlainObject(at[key])) at[key] = {};
      at = at[key] as Record<string, unknown>;
    }
  });
  return out;
}

export function deletePlain(target: Record<string, unknown>, path: readonly string[]) {
  const out = structuredClone(target);
  let at: unknown = out;
  for (const key of path.slice(0, -1)) {
    if (!isPlainObject(at)) return out;
    at = at[key];
  }
  if (isPlainObject(at)) delete at[path[path.length - 1] as string];
  return out;
}

/**
 * Applies one op by splicing text, so every byte outside the changed value stays as it
 * was (comments, quoting, indentation, blank lines). Throws UnsupportedEdit for layouts it
 * does not handle (flow top level, anchors in the way); the caller then falls back.
 */
export function editYamlText(text: string, op: EditOp): string {
  const doc = parseDocument(text, YAML_PARSE_OPTIONS);
  if (doc.errors.length > 0) throw new UnsupportedEdit('not valid YAML');
  const unit = indentUnit(text, doc.contents);
  return op.kind === 'set'
    ? setIn(text, doc.contents, op.path, op.value, unit)
    : deleteIn(text, doc.contents, op.path, unit);
}
