import { StringDecoder } from 'node:string_decoder';

/**
 * Turns pieces of one byte stream into complete text lines. UTF-8 characters and lines
 * split across pieces are joined; `\r\n` endings lose their `\r`.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';

  push(data: Buffer): string[] {
    const text = this.partial + this.decoder.write(data);
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    return lines.map(stripCr);
  }

  /** The last line when the stream did not end with a newline. */
  flush(): string[] {
    const rest = this.partial + this.decoder.end();
    this.partial = '';
    return rest === '' ? [] : [stripCr(rest)];
  }
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
