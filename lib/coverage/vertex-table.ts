/**
 * An open-addressing hash table from snapped coordinates to dense vertex ids, on typed arrays: the inner
 * loop of the partition check looks up every vertex once, so this must not allocate per vertex.
 */
export class VertexTable {
  private keysX: Float64Array;
  private keysY: Float64Array;
  private ids: Int32Array;
  private mask: number;
  private usedSlots: number[] = [];
  /** raw coordinates of each vertex id, as first seen */
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
    for (const slot of this.usedSlots) this.ids[slot] = -1;
    this.usedSlots.length = 0;
    this.xs.length = 0;
    this.ys.length = 0;
    if (expected * 2 > this.mask) {
      let capacity = this.ids.length;
      while (capacity < expected * 2) capacity *= 2;
      this.keysX = new Float64Array(capacity);
      this.keysY = new Float64Array(capacity);
      this.ids = new Int32Array(capacity).fill(-1);
      this.mask = capacity - 1;
    }
  }

  get size(): number {
    return this.xs.length;
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
    const id = this.xs.length;
    this.ids[slot] = id;
    this.usedSlots.push(slot);
    this.keysX[slot] = kx;
    this.keysY[slot] = ky;
    this.xs.push(x);
    this.ys.push(y);
    if (this.xs.length * 2 > this.mask) this.grow();
    return id;
  }

  /** Used by the leftover steps to add a vertex that is not snapped to the grid (an intersection point). */
  addRaw(x: number, y: number): number {
    return this.idOf(x, y);
  }

  private grow(): void {
    const oldX = this.keysX, oldY = this.keysY, oldIds = this.ids;
    const capacity = oldIds.length * 2;
    this.keysX = new Float64Array(capacity);
    this.keysY = new Float64Array(capacity);
    this.ids = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    const used = this.usedSlots;
    this.usedSlots = [];
    for (const s of used) {
      const kx = oldX[s], ky = oldY[s];
      let slot = (Math.imul(kx | 0, 0x9e3779b1) ^ Math.imul((ky | 0) + ((kx / 4294967296) | 0), 0x85ebca6b)) & this.mask;
      while (this.ids[slot] !== -1) slot = (slot + 1) & this.mask;
      this.ids[slot] = oldIds[s];
      this.keysX[slot] = kx;
      this.keysY[slot] = ky;
      this.usedSlots.push(slot);
    }
  }
}
