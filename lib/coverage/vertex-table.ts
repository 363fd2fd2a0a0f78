/**
 * An open-addressing hash table from snapped coordinates to dense vertex ids, on typed arrays: the inner
 * loop of the partition check looks up every vertex once, so this must not allocate per vertex.
 */
export class VertexTable {
  private keysX: Float64Array;
  private keysY: Float64Array;
  private ids: Int32Array;
  private mask: number;
  /** slots in use (the first `count` entries): cleared on reset without touching the rest */
  private usedSlots = new Int32Array(1024);
  private count = 0;
  /**
   * raw coordinates of each vertex id, as first seen (ids 0 … size − 1). Kept between resets, so entries past
   * `size` may be stale: the arrays are never truncated, which would make V8 drop and regrow them per district.
   */
  xs: number[] = [];
  ys: number[] = [];

  constructor(expected = 1024, private snap = 1e-9) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.keysX = new Float64Array(capacity);
    this.keysY = new Float64Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /**
   * Used to reuse one table for district after district: empties it by clearing only the slots in use
   * (allocating typed arrays per district makes V8 run full collections on a large heap).
   */
  reset(expected: number, snap: number): void {
    this.snap = snap;
    const used = this.usedSlots;
    for (let k = 0; k < this.count; k++) this.ids[used[k]] = -1;
    this.count = 0;
    // the mask follows this call's size, not the largest seen: a district's few hundred vertices then stay
    // in a few cache-resident slots even after the township-level call grew the arrays
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    if (capacity > this.ids.length) {
      this.keysX = new Float64Array(capacity);
      this.keysY = new Float64Array(capacity);
      this.ids = new Int32Array(capacity).fill(-1);
    }
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  private readonly single = new Float64Array(2);

  /** Used for single vertices: the id of the vertex at (x, y) after snapping, adding it when new. */
  idOf(x: number, y: number): number {
    this.single[0] = x;
    this.single[1] = y;
    return this.idAt(this.single, 0);
  }

  /**
   * Used for every ring vertex: the id of vertex `i` of a flat ring after snapping, adding it when new.
   * Takes the ring and an index (not two doubles) so that V8 boxes nothing per call.
   */
  idAt(ring: Float64Array, i: number): number {
    const x = ring[2 * i], y = ring[2 * i + 1];
    const kx = Math.round(x / this.snap);
    const ky = Math.round(y / this.snap);
    let slot = (Math.imul(kx | 0, 0x9e3779b1) ^ Math.imul((ky | 0) + ((kx / 4294967296) | 0), 0x85ebca6b)) & this.mask;
    for (;;) {
      const id = this.ids[slot];
      if (id === -1) break;
      if (this.keysX[slot] === kx && this.keysY[slot] === ky) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.count++;
    this.ids[slot] = id;
    if (id === this.usedSlots.length) {
      const bigger = new Int32Array(id * 2);
      bigger.set(this.usedSlots);
      this.usedSlots = bigger;
    }
    this.usedSlots[id] = slot;
    this.keysX[slot] = kx;
    this.keysY[slot] = ky;
    this.xs[id] = x;
    this.ys[id] = y;
    if (this.count * 2 > this.mask) this.grow();
    return id;
  }

  /** Used by the leftover steps to add a vertex that is not snapped to the grid (an intersection point). */
  addRaw(x: number, y: number): number {
    return this.idOf(x, y);
  }

  private grow(): void {
    const oldX = this.keysX, oldY = this.keysY, oldIds = this.ids;
    const capacity = (this.mask + 1) * 2;
    const length = Math.max(capacity, oldIds.length);
    this.keysX = new Float64Array(length);
    this.keysY = new Float64Array(length);
    this.ids = new Int32Array(length).fill(-1);
    this.mask = capacity - 1;
    const used = this.usedSlots;
    for (let k = 0; k < this.count; k++) {
      const s = used[k];
      const kx = oldX[s], ky = oldY[s];
      let slot = (Math.imul(kx | 0, 0x9e3779b1) ^ Math.imul((ky | 0) + ((kx / 4294967296) | 0), 0x85ebca6b)) & this.mask;
      while (this.ids[slot] !== -1) slot = (slot + 1) & this.mask;
      this.ids[slot] = oldIds[s];
      this.keysX[slot] = kx;
      this.keysY[slot] = ky;
      used[k] = slot;
    }
  }
}
