import type { Readable } from 'node:stream';
import { FrameDemuxer } from './frame-demuxer.js';
import { LineSplitter } from './line-splitter.js';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** RFC 3339 time the engine recorded, when `timestamps` was asked for. */
  timestamp?: string;
}

function toLine(stream: 'stdout' | 'stderr', raw: string, timestamps: boolean): LogLine {
  if (!timestamps) return { stream, text: raw };
  const space = raw.indexOf(' ');
  if (space < 0) return { stream, text: raw };
  return { stream, timestamp: raw.slice(0, space), text: raw.slice(space + 1) };
}

/**
 * Reads a (multiplexed or raw) engine stream and yields one entry per text line, per
 * stream. Ends when the stream ends; a stream destroyed by an abort ends quietly when
 * `stopped()` says the abort was asked for.
 */
export async function* logLines(
  stream: Readable,
  options: { timestamps?: boolean; stopped: () => boolean },
): AsyncGenerator<LogLine, void, undefined> {
  const demuxer = new FrameDemuxer('auto');
  const splitters = { stdout: new LineSplitter(), stderr: new LineSplitter() };
  const timestamps = options.timestamps === true;
  try {
    for await (const chunk of stream) {
      for (const frame of demuxer.push(chunk as Buffer)) {
        if (frame.stream === 'stdin') continue;
        for (const text of splitters[frame.stream].push(frame.data))
          yield toLine(frame.stream, text, timestamps);
      }
    }
  } catch (error) {
    if (!options.stopped()) throw error;
  } finally {
    stream.destroy();
  }
  for (const frame of demuxer.end()) {
    if (frame.stream === 'stdin') continue;
    for (const text of splitters[frame.stream].push(frame.data)) yield toLine(frame.stream, text, timestamps);
  }
  for (const name of ['stdout', 'stderr'] as const) {
    for (const text of splitters[name].flush()) yield toLine(name, text, timestamps);
  }
}
