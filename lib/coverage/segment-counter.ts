/**
 * Net count per undirected segment (a < b: +1 for a→b, −1 for b→a) in an open-addressing hash table on
 * typed arrays, so that balancing 100,000s of segments allocates nothing per segment.
 */
/** Key of an undirected segment: smaller id × SEGMENT_SHIFT + larger id (ids stay below 2^26). */
export const SEGMENT_SHIFT = 2 ** 26;

export class SegmentCounter {
  private keys: Float64Array;
  private counts: Int32Array;
  private used: Uint8Array;
  private mask: number;
  private filled = 0;
  /** the first `filled` entries: slots in use, cleared on reset without touching the rest */
  private usedSlots = new Int32Array(1024);

  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.counts = new Int32Array(capacity);
    this.used = new Uint8Array(capacity);
    this.mask = capacity - 1;
  }

  /** Used to reuse one counter district after district: clears only the slots in use. */
  reset(expected: number): void {
    const slots = this.usedSlots;
    for (let k = 0; k < this.filled; k++) {
      this.used[slots[k]] = 0;
      this.counts[slots[k]] = 0;
    }
    this.filled = 0;
    // sized to this call (see VertexTable.reset): small districts keep to a few cache-resident slots
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    if (capacity > this.used.length) {
      this.keys = new Float64Array(capacity);
      this.counts = new Int32Array(capacity);
      this.used = new Uint8Array(capacity);
    }
    this.mask = capacity - 1;
  }

  private slotOf(key: number): number {
    let slot = (Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b)) & this.mask;
    while (this.used[slot] && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    return slot;
  }

  /** Used for every directed segment a→b (vertex ids): +1 to the pair's count when a < b, −1 otherwise. */
  addSegment(a: number, b: number): void {
    const key = a < b ? a * SEGMENT_SHIFT + b : b * SEGMENT_SHIFT + a;
    const delta = a < b ? 1 : -1;
    let slot = (Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 4294967296) | 0, 0x85ebca6b)) & this.mask;
    while (this.used[slot] && this.keys[slot] !== key) slot = (slot + 1) & this.mask;
    if (!this.used[slot]) {
      this.used[slot] = 1;
      this.keys[slot] = key;
      if (this.filled === this.usedSlots.length) {
        const bigger = new Int32Array(this.filled * 2);
        bigger.set(this.usedSlots);
        this.usedSlots = bigger;
      }
      this.usedSlots[this.filled++] = slot;
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
    const slots = this.usedSlots;
    for (let k = 0; k < this.filled; k++) {
      const s = slots[k];
      if (this.counts[s] !== 0) visit(this.keys[s], this.counts[s]);
    }
  }

  private grow(): void {
    const { keys, counts, used } = this;
    const capacity = (this.mask + 1) * 2;
    const length = Math.max(capacity, used.length);
    this.keys = new Float64Array(length);
    this.counts = new Int32Array(length);
    this.used = new Uint8Array(length);
    this.mask = capacity - 1;
    const slots = this.usedSlots;
    for (let k = 0; k < this.filled; k++) {
      const s = slots[k];
      const slot = this.slotOf(keys[s]);
      this.used[slot] = 1;
      this.keys[slot] = keys[s];
      this.counts[slot] = counts[s];
      slots[k] = slot;
    }
  }
}
