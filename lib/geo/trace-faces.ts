/** What faces are traced from: segments by vertex id, and the vertices' coordinates (a Linework fits). */
export interface FaceLinework {
  table: { xs: readonly number[]; ys: readonly number[] };
  from: readonly number[];
  to: readonly number[];
}

/**
 * A bounded face of a linework (defect linework in the checks, boundaries left after a merge): its vertex ids
 * in counter-clockwise order, and its neighbours.
 */
export interface Face {
  vertices: number[];
  /** planar signed area in degrees² (positive), for ordering only */
  planarArea: number;
  /** indices of faces across each edge (may include -1 for the unbounded side) */
  neighbours: Set<number>;
}

/**
 * Used by the partition check and by merging polygons: traces the faces of noded linework (an undirected
 * planar graph) with the usual half-edge rule — from u→v continue with the edge leaving v that is next
 * clockwise after v→u — so every bounded face comes out counter-clockwise. Returns the bounded faces only.
 */
export function traceFaces(work: FaceLinework): Face[] {
  const { table, from, to } = work;
  const edgeKeys = new Set<string>();
  const heFrom: number[] = [], heTo: number[] = [];
  for (let i = 0; i < from.length; i++) {
    const a = Math.min(from[i], to[i]), b = Math.max(from[i], to[i]);
    const key = `${a}:${b}`;
    if (a === b || edgeKeys.has(key)) continue;
    edgeKeys.add(key);
    heFrom.push(a, b);
    heTo.push(b, a);
  }
  const count = heFrom.length;
  // outgoing half-edges per vertex, sorted counter-clockwise by angle
  const outgoing = new Map<number, number[]>();
  for (let h = 0; h < count; h++) {
    const list = outgoing.get(heFrom[h]);
    if (list) list.push(h);
    else outgoing.set(heFrom[h], [h]);
  }
  const angle = (h: number) => Math.atan2(table.ys[heTo[h]] - table.ys[heFrom[h]], table.xs[heTo[h]] - table.xs[heFrom[h]]);
  const position = new Int32Array(count);
  for (const list of outgoing.values()) {
    list.sort((p, q) => angle(p) - angle(q));
    list.forEach((h, i) => (position[h] = i));
  }
  const twin = (h: number) => h ^ 1;
  const next = (h: number) => {
    const t = twin(h);
    const list = outgoing.get(heFrom[t])!;
    return list[(position[t] - 1 + list.length) % list.length];
  };

  const faceOf = new Int32Array(count).fill(-1);
  const raw: Array<{ halfEdges: number[]; area: number }> = [];
  for (let start = 0; start < count; start++) {
    if (faceOf[start] !== -1) continue;
    const halfEdges: number[] = [];
    let h = start;
    let guard = 0;
    while (faceOf[h] === -1 && guard++ <= count) {
      faceOf[h] = raw.length;
      halfEdges.push(h);
      h = next(h);
    }
    const x0 = table.xs[heFrom[start]], y0 = table.ys[heFrom[start]];
    let area = 0;
    for (const e of halfEdges) {
      const ax = table.xs[heFrom[e]] - x0, ay = table.ys[heFrom[e]] - y0;
      const bx = table.xs[heTo[e]] - x0, by = table.ys[heTo[e]] - y0;
      area += ax * by - bx * ay;
    }
    raw.push({ halfEdges, area: area / 2 });
  }
  const boundedIndex = new Map<number, number>();
  const faces: Face[] = [];
  raw.forEach((f, i) => {
    if (f.area <= 0) return;
    boundedIndex.set(i, faces.length);
    faces.push({ vertices: f.halfEdges.map((e) => heFrom[e]), planarArea: f.area, neighbours: new Set() });
  });
  raw.forEach((f, i) => {
    const mine = boundedIndex.get(i);
    if (mine === undefined) return;
    for (const e of f.halfEdges) faces[mine].neighbours.add(boundedIndex.get(faceOf[twin(e)]) ?? -1);
  });
  return faces;
}
