import { describe, expect, it } from 'vitest';
import { mongoWriteReason, parseMongoCommand } from './mongo-command.js';

const reason = (text: string) => mongoWriteReason(parseMongoCommand(text));

describe('mongo command classification', () => {
  it.each([
    '{"find": "users", "filter": {"age": {"$gt": 30}}}',
    '{"aggregate": "users", "pipeline": [{"$match": {}}, {"$group": {"_id": "$city", "n": {"$sum": 1}}}], "cursor": {}}',
    '{"count": "users"}',
    '{"distinct": "users", "key": "city"}',
    '{"listCollections": 1}',
    '{"explain": {"find": "users"}}',
    '{"find": "users", "filter": {"note": "$out is only text here"}}',
  ])('lets a read through: %s', (text) => {
    expect(reason(text)).toBeUndefined();
  });

  it.each([
    ['{"insert": "users", "documents": [{}]}', 'insert is not a command'],
    ['{"delete": "users", "deletes": [{"q": {}, "limit": 0}]}', 'delete is not'],
    ['{"drop": "users"}', 'drop is not'],
    [
      '{"aggregate": "users", "pipeline": [{"$match": {}}, {"$out": "copy"}], "cursor": {}}',
      'with $out writes',
    ],
    [
      '{"aggregate": "u", "pipeline": [{"$facet": {"a": [{"$merge": {"into": "x"}}]}}]}',
      'with $merge writes',
    ],
    ['{"explain": {"update": "users", "updates": []}}', 'update is not'],
    ['{"findAndModify": "users", "query": {}, "remove": true}', 'findAndModify is not'],
  ])('refuses a write: %s', (text, why) => {
    expect(reason(text)).toContain(why);
  });

  it.each(['db.users.find()', '[1]', '{}', 'null'])(
    'refuses what is not one command document: %s',
    (text) => {
      expect(() => parseMongoCommand(text)).toThrow(/command document/);
    },
  );
});
