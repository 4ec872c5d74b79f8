/** Collects one stream up to a cap, counting what it dropped. */
export class CappedBuffer {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  total = 0;
  constructor(private readonly cap: number) {}
  push(data: Buffer): void {
    this.total += data.length;
    const room = this.cap - this.kept;
    if (room <= 0) return;
    const piece = data.length <= room ? data : data.subarray(0, room);
    this.chunks.push(piece);
    this.kept += piece.length;
  }
  get truncated(): boolean {
    return this.total > this.kept;
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}
