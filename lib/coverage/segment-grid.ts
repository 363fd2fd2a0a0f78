/**
 * A uniform grid over segment bounding boxes, for the few leftover segments of a defect: candidate pairs
 * and point-on-segment look-ups without an O(n²) scan when an import leaves thousands of leftovers.
 */
export class SegmentGrid {
  private cells = new Map<number, number[]>();

  constructor(private readonly cell: number) {}

  /**
   * A numeric key per cell (no string per look-up). Cells 2^21 columns or 2^32 rows apart share a key;
   * that only adds candidates, and every caller tests candidates exactly.
   */
  private key(cx: number, cy: number): number {
    return (cx % 2097152) * 4294967296 + (cy >>> 0);
  }

  /** Used to index segment `index` with bbox [minX, minY, maxX, maxY]. */
  insert(index: number, minX: number, minY: number, maxX: number, maxY: number): void {
    const c = this.cell;
    for (let cx = Math.floor(minX / c); cx <= Math.floor(maxX / c); cx++) {
      for (let cy = Math.floor(minY / c); cy <= Math.floor(maxY / c); cy++) {
        const k = this.key(cx, cy);
        const list = this.cells.get(k);
        if (list) list.push(index);
        else this.cells.set(k, [index]);
      }
    }
  }

  /** Used to find candidates near a bbox; may repeat an index, callers dedupe. */
  query(minX: number, minY: number, maxX: number, maxY: number, visit: (index: number) => void): void {
    const c = this.cell;
    for (let cx = Math.floor(minX / c); cx <= Math.floor(maxX / c); cx++) {
      for (let cy = Math.floor(minY / c); cy <= Math.floor(maxY / c); cy++) {
        const list = this.cells.get(this.key(cx, cy));
        if (list) for (const i of list) visit(i);
      }
    }
  }
}
