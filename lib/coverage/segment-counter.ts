/**
 * Net count per undirected segment (a < b: +1 for a→b, −1 for b→a) in an open-addressing hash table on
 * typed arrays, so that balancing 100,000s of segments allocates nothing per segment.
 */
export class SegmentCounter {
  private keys: Float64Array;
  private counts: Int32Array;
  private used: Uint8Array;
  private mask: number;
  private filled = 0;

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.counts = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
  }

  private slotOf(key: number): number {
    let slot = (Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b)) & this.mask;
    while (this.used[slot] && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    return slot;
  }

  /** Used for every directed segment: adds `delta` to the net count of `key`. */
  add(key: number, delta: number): void {
    const slot = this.slotOf(key);
    if (!this.used[slot]) {
      this.used[slot] = 1;
      this.keys[slot] = key;
      this.filled++;
      if (this.filled * 2 > this.mask) {
        this.counts[slot] = delta;
        this.grow();
        return;
      }
    }
    this.counts[slot] += delta;
  }

  /** Used once at the end: visits every key whose net count is not zero. */
  forEachNonZero(visit: (key: number, count: number) => void): void {
    for (let s = 0; s < this.used.length; s++) if (this.used[s] && this.counts[s] !== 0) visit(this.keys[s], this.counts[s]);
  }

  private grow(): void {
    const { keys, counts, used } = this;
    const capacity = used.length * 2;
    this.keys = new Float64Array(capacity);
    this.counts = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
    for (let s = 0; s < used.length; s++) {
      if (!used[s]) continue;
      const slot = this.slotOf(keys[s]);
      this.used[slot] = 1;
      this.keys[slot] = keys[s];
      this.counts[slot] = counts[s];
    }
  }
}
