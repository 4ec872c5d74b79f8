import { describe, expect, it } from 'vitest';
import { eventKey, eventRowOf, eventWindow } from './system-events.js';

const now = new Date('2030-01-01T12:00:00.000Z');

describe('eventWindow', () => {
  it('defaults to the last 10 minutes, up to now', () => {
    expect(eventWindow(undefined, undefined, now)).toEqual({
      since: new Date('2030-01-01T11:50:00.000Z'),
      until: now,
    });
  });

  it('never waits for the future, and refuses an empty window', () => {
    const later = new Date('2030-01-02T00:00:00Z');
    expect(eventWindow(new Date('2030-01-01T11:00:00Z'), later, now).until).toEqual(now);
    expect(() =>
      eventWindow(new Date('2030-01-01T11:59:00Z'), new Date('2030-01-01T11:00:00Z'), now),
    ).toThrow(/since .* must be before until/);
  });
});

describe('eventRowOf', () => {
  it('names the actor, shortens image ids and keeps the exit code of a die', () => {
    const die = eventRowOf({
      type: 'container',
      action: 'die',
      actorId: 'a'.repeat(64),
      attributes: { name: 'web', exitCode: '137' },
      timeNano: 1_893_499_200_123_456_800,
    });
    expect(die).toEqual({
      time: '2030-01-01T12:00:00.123Z',
      type: 'container',
      action: 'die',
      actor: 'web',
      exitCode: 137,
    });
    const image = eventRowOf({
      type: 'image',
      action: 'delete',
      actorId: `sha256:${'b'.repeat(64)}`,
      attributes: {},
      timeNano: 0,
    });
    expect(image.actor).toBe('bbbbbbbbbbbb');
  });

  it('keys rows newest first by their time', () => {
    const older = eventKey({
      time: '2030-01-01T11:00:00.000Z',
      type: 'container',
      action: 'start',
      actor: 'a',
    });
    const newer = eventKey({
      time: '2030-01-01T11:00:01.000Z',
      type: 'container',
      action: 'start',
      actor: 'a',
    });
    expect(newer[0]).toBeGreaterThan(older[0]);
  });
});
