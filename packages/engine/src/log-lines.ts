import type { Readable } from 'node:stream';
import { FrameDemuxer } from './frame-demuxer.js';
import { LineSplitter, type SplitLine } from './line-splitter.js';

export interface LogLine {
  stream: 'stdout' | 'stderr';
  text: string;
  /** RFC 3339 time the engine recorded, when `timestamps` was asked for. */
  timestamp?: string;
  /** Bytes of the line past the line cap, read and left out (absent when the line is whole). */
  cutBytes?: number;
}

/** Cap of one log line by default: a line past it is cut, and the rest is read and dropped. */
export const DEFAULT_LOG_LINE_MAX_BYTES = 64 * 1024;

function toLine(stream: 'stdout' | 'stderr', line: SplitLine, timestamps: boolean): LogLine {
  const raw = line.text;
  const cut = line.cutBytes > 0 ? { cutBytes: line.cutBytes } : {};
  if (!timestamps) return { stream, text: raw, ...cut };
  const space = raw.indexOf(' ');
  if (space < 0) return { stream, text: raw, ...cut };
  return { stream, timestamp: raw.slice(0, space), text: raw.slice(space + 1), ...cut };
}

/**
 * Reads a (multiplexed or raw) engine stream and yields one entry per text line, per
 * stream, each cut at `maxLineBytes`. Ends when the stream ends; a stream destroyed by an
 * abort ends quietly when `stopped()` says the abort was asked for.
 */
export async function* logLines(
  stream: Readable,
  options: { timestamps?: boolean; stopped: () => boolean; maxLineBytes?: number },
): AsyncGenerator<LogLine, void, undefined> {
  const demuxer = new FrameDemuxer('auto');
  const max = options.maxLineBytes ?? DEFAULT_LOG_LINE_MAX_BYTES;
  const splitters = { stdout: new LineSplitter(max), stderr: new LineSplitter(max) };
  const timestamps = options.timestamps === true;
  try {
    for await (const chunk of stream) {
      for (const frame of demuxer.push(chunk as Buffer)) {
        if (frame.stream === 'stdin') continue;
        for (const line of splitters[frame.stream].push(frame.data))
          yield toLine(frame.stream, line, timestamps);
      }
    }
  } catch (error) {
    if (!options.stopped()) throw error;
  } finally {
    stream.destroy();
  }
  for (const frame of demuxer.end()) {
    if (frame.stream === 'stdin') continue;
    for (const line of splitters[frame.stream].push(frame.data)) yield toLine(frame.stream, line, timestamps);
  }
  for (const name of ['stdout', 'stderr'] as const) {
    for (const line of splitters[name].flush()) yield toLine(name, line, timestamps);
  }
}
