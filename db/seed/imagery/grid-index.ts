/** An axis-aligned box in Mercator world units. */
export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/**
 * A uniform grid over the scene, used to find the items that touch a tile (or a block of tiles) without
 * testing every item. Ids are returned sorted, and ids are assigned in drawing order.
 */
export class GridIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly boxes: Box[] = [];
  private stamp: Int32Array = new Int32Array(0);
  private query = 0;

  constructor(private readonly cellSize: number) {}

  /** Adds an item; its id is the number of items added before it. */
  add(box: Box): number {
    const id = this.boxes.length;
    this.boxes.push(box);
    const [x0, y0, x1, y1] = this.cellRange(box);
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const key = cy * 1_000_003 + cx;
        const list = this.cells.get(key);
        if (list) list.push(id);
        else this.cells.set(key, [id]);
      }
    }
    return id;
  }

  /** Ids of the items whose boxes intersect `box`, in ascending (drawing) order. */
  search(box: Box): number[] {
    if (this.stamp.length < this.boxes.length) this.stamp = new Int32Array(this.boxes.length);
    this.query++;
    const out: number[] = [];
    const [x0, y0, x1, y1] = this.cellRange(box);
    for (let cy = y0; cy <= y1; cy++) {
      for (let cx = x0; cx <= x1; cx++) {
        const list = this.cells.get(cy * 1_000_003 + cx);
        if (!list) continue;
        for (const id of list) {
          if (this.stamp[id] === this.query) continue;
          this.stamp[id] = this.query;
          const b = this.boxes[id];
          if (b.maxX < box.minX || b.minX > box.maxX || b.maxY < box.minY || b.minY > box.maxY) continue;
          out.push(id);
        }
      }
    }
    return out.sort((a, b) => a - b);
  }

  private cellRange(box: Box): [number, number, number, number] {
    const s = this.cellSize;
    return [Math.floor(box.minX / s), Math.floor(box.minY / s), Math.floor(box.maxX / s), Math.floor(box.maxY / s)];
  }
}
