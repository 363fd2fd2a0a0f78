import type { MultiPolygon, Polygon, Position } from "geojson";

/**
 * A polygonal geometry flattened for the checks: each ring an open Float64Array [x0, y0, x1, y1, …]
 * (no closing vertex, consecutive duplicates and non-finite positions dropped), outer rings counter-clockwise
 * and holes clockwise, grouped into parts (outer ring first).
 */
export interface FlatArea {
  rings: Float64Array[];
  /** for each part (polygon), the indices of its rings in `rings`, outer first */
  parts: number[][];
  bbox: [number, number, number, number];
}

function signedArea(ring: Float64Array): number {
  let sum = 0;
  const n = ring.length / 2;
  const x0 = ring[0], y0 = ring[1];
  for (let i = 0; i < n; i++) {
    const j = (i + 1) % n;
    sum += (ring[2 * i] - x0) * (ring[2 * j + 1] - y0) - (ring[2 * j] - x0) * (ring[2 * i + 1] - y0);
  }
  return sum / 2;
}

function reverseRing(ring: Float64Array): Float64Array {
  const n = ring.length / 2;
  for (let i = 0, j = n - 1; i < j; i++, j--) {
    const x = ring[2 * i], y = ring[2 * i + 1];
    ring[2 * i] = ring[2 * j];
    ring[2 * i + 1] = ring[2 * j + 1];
    ring[2 * j] = x;
    ring[2 * j + 1] = y;
  }
  return ring;
}

/**
 * Rings are views into large shared chunks: one typed array per ring would make V8 count thousands of small
 * external allocations and run full collections over a large heap (the county check's inputs).
 */
const CHUNK = 1 << 20;
const chunks: Float64Array[] = [new Float64Array(CHUNK)];
let chunkIndex = 0;
let chunkUsed = 0;

function allocate(length: number): Float64Array {
  if (length > CHUNK / 4) return new Float64Array(length);
  if (chunkUsed + length > CHUNK) {
    chunkIndex++;
    if (chunkIndex === chunks.length) chunks.push(new Float64Array(CHUNK));
    chunkUsed = 0;
  }
  const view = chunks[chunkIndex].subarray(chunkUsed, chunkUsed + length);
  chunkUsed += length;
  return view;
}

/**
 * Used at the start of a check run: lets the next flattening reuse the chunks of the previous run (whose flat
 * areas must no longer be used — a run keeps none beyond its own end).
 */
export function recycleFlatStorage(): void {
  chunkIndex = 0;
  chunkUsed = 0;
}

function flattenRing(positions: readonly Position[]): Float64Array {
  const coords = allocate(positions.length * 2);
  let k = 0;
  for (let index = 0; index < positions.length; index++) {
    const p = positions[index];
    if (!Array.isArray(p) || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) continue;
    if (k >= 2 && coords[k - 2] === p[0] && coords[k - 1] === p[1]) continue;
    coords[k++] = p[0];
    coords[k++] = p[1];
  }
  while (k >= 4 && coords[0] === coords[k - 2] && coords[1] === coords[k - 1]) k -= 2;
  return k === coords.length ? coords : coords.subarray(0, k);
}

/**
 * Assembles flat rings into a FlatArea, one geometry at a time: rings shorter than 3 vertices are dropped,
 * outer rings turned counter-clockwise and holes clockwise, holes without their outer ring dropped.
 * Shared by `flattenArea` and the fused validity + flattening read of the coverage check.
 */
export class FlatAreaBuilder {
  private rings: Float64Array[] = [];
  private parts: number[][] = [];
  private part: number[] = [];
  private minX = Infinity;
  private minY = Infinity;
  private maxX = -Infinity;
  private maxY = -Infinity;

  /** Used before each polygon's rings. */
  startPart(): void {
    if (this.part.length) this.parts.push(this.part);
    this.part = [];
  }

  /** Used for ring `index` of the current polygon (0 = outer). */
  addRing(flat: Float64Array, index: number): void {
    let ring = flat;
    const part = this.part;
    if (ring.length < 6) return;
    if (index === 0 && part.length > 0) return;
    const area = signedArea(ring);
    if ((index === 0 && area < 0) || (index > 0 && area > 0)) ring = reverseRing(ring);
    if (index > 0 && part.length === 0) return; // a hole without its outer ring
    part.push(this.rings.length);
    this.rings.push(ring);
    let minX = this.minX, minY = this.minY, maxX = this.maxX, maxY = this.maxY;
    for (let i = 0; i < ring.length; i += 2) {
      if (ring[i] < minX) minX = ring[i];
      if (ring[i] > maxX) maxX = ring[i];
      if (ring[i + 1] < minY) minY = ring[i + 1];
      if (ring[i + 1] > maxY) maxY = ring[i + 1];
    }
    this.minX = minX; this.minY = minY; this.maxX = maxX; this.maxY = maxY;
  }

  /** Used once at the end: the area, or null when no ring was kept. */
  finish(): FlatArea | null {
    this.startPart();
    if (!this.rings.length) return null;
    return { rings: this.rings, parts: this.parts, bbox: [this.minX, this.minY, this.maxX, this.maxY] };
  }
}

/**
 * Used by the fused read (checked-area.ts): copies a checked ring — n open vertices, consecutive duplicates
 * already dropped — into flat storage, dropping trailing repeats of the first vertex as `flattenRing` does.
 */
export function storeCheckedRing(xs: Float64Array, ys: Float64Array, n: number): Float64Array {
  const coords = allocate(n * 2);
  for (let i = 0; i < n; i++) {
    coords[2 * i] = xs[i];
    coords[2 * i + 1] = ys[i];
  }
  let k = 2 * n;
  while (k >= 4 && coords[0] === coords[k - 2] && coords[1] === coords[k - 1]) k -= 2;
  return k === coords.length ? coords : coords.subarray(0, k);
}

/**
 * Used by the partition, sliver and building checks: flattens a Polygon or MultiPolygon. Rings with fewer
 * than 3 distinct vertices are dropped (the validity check reports them). Returns null when nothing is left.
 */
export function flattenArea(geometry: Polygon | MultiPolygon | null | undefined): FlatArea | null {
  if (!geometry) return null;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  const builder = new FlatAreaBuilder();
  for (const polygon of polygons) {
    if (!Array.isArray(polygon)) continue;
    builder.startPart();
    for (let index = 0; index < polygon.length; index++) {
      const positions = polygon[index];
      if (Array.isArray(positions)) builder.addRing(flattenRing(positions), index);
    }
  }
  return builder.finish();
}

/** Used by classification and building assignment: even-odd point-in-ring on a flat ring. */
export function pointInFlatRing(x: number, y: number, ring: Float64Array): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const yi = ring[i + 1], yj = ring[j + 1];
    if (yi > y !== yj > y) {
      const xi = ring[i], xj = ring[j];
      if (x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Used by classification and building assignment: a point inside a flat area (in a part's outer ring, in none of its holes). */
export function pointInFlatArea(x: number, y: number, area: FlatArea): boolean {
  const [minX, minY, maxX, maxY] = area.bbox;
  if (x < minX || x > maxX || y < minY || y > maxY) return false;
  for (const part of area.parts) {
    if (!pointInFlatRing(x, y, area.rings[part[0]])) continue;
    let inHole = false;
    for (let k = 1; k < part.length && !inHole; k++) inHole = pointInFlatRing(x, y, area.rings[part[k]]);
    if (!inHole) return true;
  }
  return false;
}

/** Used to turn a flat ring back into closed GeoJSON positions (defect geometry). */
export function ringToPositions(ring: Float64Array): Position[] {
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i += 2) out.push([ring[i], ring[i + 1]]);
  if (out.length) out.push([ring[0], ring[1]]);
  return out;
}
