import { describe, expect, it } from 'vitest';
import { toolResultShape } from './tool-result-shape.js';

const check = (value: unknown) => toolResultShape['~standard'].validate(value);

describe('toolResultShape', () => {
  it('passes a result as it is and gives a result without content an empty one', () => {
    const result = {
      content: [
        { type: 'text', text: 'hi' },
        { type: 'image', data: 'AA==', mimeType: 'image/png' },
        { type: 'resource', resource: { uri: 'x:/y', text: 'body' } },
        { type: 'resource', resource: { uri: 'x:/z', blob: 'AA==' } },
      ],
      structuredContent: { a: 1 },
      isError: false,
    };
    expect(check(result)).toEqual({ value: result });
    expect(check({ structuredContent: { a: 1 } })).toEqual({
      value: { structuredContent: { a: 1 }, content: [] },
    });
  });

  it('refuses what masking could not walk', () => {
    const issue = (value: unknown) => {
      const outcome = check(value) as { issues?: { message: string }[] };
      return outcome.issues?.[0]?.message;
    };
    expect(issue('text')).toMatch(/not an object/);
    expect(issue([])).toMatch(/not an object/);
    expect(issue({ content: 'hi' })).toMatch(/content is not an array/);
    expect(issue({ content: [null] })).toMatch(/content\[0\] is not an object/);
    expect(issue({ content: [{ type: 'text', text: 1 }] })).toMatch(/text block without a string text/);
    expect(issue({ content: [{ type: 'resource' }] })).toMatch(/without a resource object/);
    expect(issue({ content: [{ type: 'resource', resource: { text: 2 } }] })).toMatch(/text is not a string/);
    expect(issue({ content: [], isError: 'yes' })).toMatch(/isError/);
  });
});
