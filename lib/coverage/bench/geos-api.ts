import type { Position } from "geojson";

/**
 * The part of the geos-wasm API the GEOS baseline uses, typed by hand: the package's own `.d.ts` does not
 * type-check (it contains `type X = function`), so TypeScript sees `initGeosJs()` as returning `any`.
 * Functions are the GEOS C API (non-reentrant names, bound to one context by geos-wasm); pointers are numbers
 * into the WASM heap; out-parameters (`GEOSGeometry**`, `double*`) are 4/8-byte blocks from `Module._malloc`.
 */
export interface GeosApi {
  Module: {
    _malloc(size: number): number;
    _free(ptr: number): void;
    HEAPF64: Float64Array;
    HEAPU32: Uint32Array;
    HEAPU8: Uint8Array;
    getValue(ptr: number, type: string): number;
    setValue(ptr: number, value: number, type: string): void;
    UTF8ToString(ptr: number): string;
  };
  GEOSCoordSeq_copyFromBuffer(buf: number, size: number, hasZ: number, hasM: number): number;
  GEOSGeom_createLinearRing(seq: number): number;
  GEOSGeom_createPolygon(shell: number, holes: number, nholes: number): number;
  GEOSGeom_createCollection(type: number, geoms: number, ngeoms: number): number;
  GEOSGeom_destroy(g: number): void;
  GEOSisValid(g: number): number;
  GEOSisEmpty(g: number): number;
  GEOSGetNumGeometries(g: number): number;
  GEOSGetGeometryN(g: number, n: number): number;
  /** returns 1 valid, 0 invalid, 2 exception; `invalidEdges` is a GEOSGeometry** (0 = not wanted) */
  GEOSCoverageIsValid(input: number, gapWidth: number, invalidEdges: number): number;
}

/** GEOS geometry type ids (GEOSGeomTypes). */
export const GEOS_MULTIPOLYGON = 6;
export const GEOS_GEOMETRYCOLLECTION = 7;

/** Messages GEOS reported through the error handler since the last {@link takeGeosErrors}. */
const errors: string[] = [];

/**
 * Used by the GEOS baseline to load the WASM once. The error handler is replaced so that GEOS exceptions
 * (e.g. an unclosed ring) come back as a 0 pointer plus a message instead of a JS throw from inside WASM;
 * notices (isValid reasons) are silenced. NOTE: geos-wasm caches its init promise, so these handlers only
 * take effect if this is the first `initGeosJs` call in the process.
 */
export async function loadGeos(): Promise<GeosApi> {
  const { default: initGeosJs } = await import("geos-wasm");
  return (await initGeosJs({ errorHandler: (message: string) => void errors.push(message), noticeHandler: () => {} })) as unknown as GeosApi;
}

/** Used after a GEOS call returned 0/NULL: the error messages collected meanwhile (and clears them). */
export function takeGeosErrors(): string[] {
  return errors.splice(0, errors.length);
}

function ringPtr(geos: GeosApi, ring: readonly Position[]): number {
  const n = ring.length;
  const buf = geos.Module._malloc(n * 16);
  const heap = geos.Module.HEAPF64;
  const base = buf / 8;
  for (let k = 0; k < n; k++) {
    heap[base + 2 * k] = ring[k][0];
    heap[base + 2 * k + 1] = ring[k][1];
  }
  const seq = geos.GEOSCoordSeq_copyFromBuffer(buf, n, 0, 0);
  geos.Module._free(buf);
  return seq ? geos.GEOSGeom_createLinearRing(seq) : 0;
}

function pointerArray(geos: GeosApi, ptrs: readonly number[]): number {
  const arr = geos.Module._malloc(Math.max(4, ptrs.length * 4));
  geos.Module.HEAPU32.set(ptrs, arr / 4);
  return arr;
}

/** Used by the baseline to build a GEOS polygon from rings (0 when GEOS refuses, e.g. an unclosed ring). */
export function polygonPtr(geos: GeosApi, rings: readonly (readonly Position[])[]): number {
  const ptrs = rings.map((r) => ringPtr(geos, r));
  if (ptrs.some((p) => p === 0)) {
    for (const p of ptrs) if (p) geos.GEOSGeom_destroy(p);
    return 0;
  }
  const holes = pointerArray(geos, ptrs.slice(1));
  const poly = geos.GEOSGeom_createPolygon(ptrs[0], holes, ptrs.length - 1);
  geos.Module._free(holes);
  return poly;
}

/** Used by the baseline: a GEOS (multi)polygon from GeoJSON-style polygons (0 on failure). */
export function areaPtr(geos: GeosApi, polygons: readonly (readonly (readonly Position[])[])[]): number {
  if (polygons.length === 1) return polygonPtr(geos, polygons[0]);
  const parts = polygons.map((p) => polygonPtr(geos, p));
  if (parts.some((p) => p === 0)) {
    for (const p of parts) if (p) geos.GEOSGeom_destroy(p);
    return 0;
  }
  return collectionPtr(geos, GEOS_MULTIPOLYGON, parts);
}

/** Used by the baseline: a collection that takes ownership of `parts`. */
export function collectionPtr(geos: GeosApi, type: number, parts: readonly number[]): number {
  const arr = pointerArray(geos, parts);
  const coll = geos.GEOSGeom_createCollection(type, arr, parts.length);
  geos.Module._free(arr);
  return coll;
}

/**
 * Used by the baseline: GEOSCoverageIsValid on a collection; returns the result code (1 valid, 0 invalid,
 * 2 error) and the indices of the members that have invalid edges.
 */
export function coverageIsValid(geos: GeosApi, coll: number, gapWidth: number): { result: number; invalid: number[] } {
  const out = geos.Module._malloc(4);
  geos.Module.setValue(out, 0, "i32");
  const result = geos.GEOSCoverageIsValid(coll, gapWidth, out);
  const edges = geos.Module.getValue(out, "i32");
  geos.Module._free(out);
  const invalid: number[] = [];
  if (edges) {
    const n = geos.GEOSGetNumGeometries(edges);
    for (let k = 0; k < n; k++) if (!geos.GEOSisEmpty(geos.GEOSGetGeometryN(edges, k))) invalid.push(k);
    geos.GEOSGeom_destroy(edges);
  }
  return { result, invalid };
}
