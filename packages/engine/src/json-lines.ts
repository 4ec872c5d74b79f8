import type { Readable } from 'node:stream';
import { EngineError } from './engine-error.js';
import { DEFAULT_MAX_LINE_BYTES, LineSplitter, type SplitLine } from './line-splitter.js';

/**
 * Reads newline-delimited JSON (pull progress, events) from an engine stream. A stream
 * destroyed because `stopped()` (the caller aborted) ends the iteration quietly.
 */
export async function* jsonLines<T>(
  stream: Readable,
  options: { stopped: () => boolean; what: string },
): AsyncGenerator<T, void, undefined> {
  const lines = new LineSplitter();
  const parse = ({ text: line, cutBytes }: SplitLine): T => {
    if (cutBytes > 0) {
      throw new EngineError(
        'ENGINE',
        `${options.what}: the engine sent a line over ${DEFAULT_MAX_LINE_BYTES} bytes`,
        {
          line: line.slice(0, 200),
          cutBytes,
        },
      );
    }
    try {
      return JSON.parse(line) as T;
    } catch (error) {
      throw new EngineError(
        'ENGINE',
        `${options.what}: the engine sent a line that is not JSON`,
        {
          line: line.slice(0, 200),
        },
        { cause: error },
      );
    }
  };
  try {
    for await (const chunk of stream) {
      for (const line of lines.push(chunk as Buffer)) if (line.text.trim() !== '') yield parse(line);
    }
  } catch (error) {
    if (!options.stopped()) throw error;
    return;
  } finally {
    stream.destroy();
  }
  for (const line of lines.flush()) if (line.text.trim() !== '') yield parse(line);
}
