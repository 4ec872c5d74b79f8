import { type Document, isScalar, parseDocument, visit } from 'yaml';
import { YAML_PARSE_OPTIONS } from './config-text.js';
import { renderScalar } from './yaml-render.js';
import type { EditOp } from './yaml-text-edit.js';

function createNode(doc: Document, value: unknown) {
  const node = doc.createNode(value);
  // Same quoting decisions as the surgical editor, so `yes`, `null` and `007` stay strings for every reader.
  visit(node, {
    Scalar(_key, scalar) {
      if (typeof scalar.value === 'string' && renderScalar(scalar.value).startsWith('"'))
        scalar.type = 'QUOTE_DOUBLE';
    },
  });
  return node;
}

/**
 * Applies ops through the yaml Document API: comments and unrelated sections survive, but
 * the file is re-printed. Used only when the surgical text edit cannot handle a layout.
 */
export function editYamlDocument(text: string, ops: readonly EditOp[]): string {
  const doc = parseDocument(text, YAML_PARSE_OPTIONS);
  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  }
  for (const op of ops) {
    if (op.kind === 'set') doc.setIn(op.path, createNode(doc, op.value));
    else doc.deleteIn(op.path);
  }
  return doc.toString({ lineWidth: 0 });
}
