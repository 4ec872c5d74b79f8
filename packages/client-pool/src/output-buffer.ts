/** Collects a stream's output up to `cap` bytes; the rest is drained (so the writer never blocks) and counted. */
export class OutputBuffer {
  private readonly chunks: Buffer[] = [];
  private bytes = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  push(chunk: Buffer): void {
    const room = this.cap - this.bytes;
    if (chunk.length > room) {
      this.truncated = true;
      if (room <= 0) return;
      this.chunks.push(chunk.subarray(0, room));
      this.bytes += room;
      return;
    }
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }

  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
