/**
 * A minimal PMTiles v3 writer for tests (the `pmtiles` library only reads): one root directory, no
 * compression, tiles in tile-id order. Written by the spec (github.com/protomaps/PMTiles/blob/main/spec/v3).
 */
import { TileType, zxyToTileId } from "pmtiles";

/** One tile to put in the archive. */
export interface FixtureTile {
  z: number;
  x: number;
  y: number;
  data: Uint8Array;
}

function varint(out: number[], value: number): void {
  let v = value;
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/**
 * Used by the PMTiles tests (and the e2e fixture): the bytes of an archive holding `tiles` of type `tileType`
 * (PNG by default) with the given lon/lat bounds.
 */
export function writePmtiles(tiles: FixtureTile[], bounds: [number, number, number, number], tileType: TileType = TileType.Png): Uint8Array {
  const sorted = tiles.map((t) => ({ ...t, id: zxyToTileId(t.z, t.x, t.y) })).sort((a, b) => a.id - b.id);
  const dir: number[] = [];
  varint(dir, sorted.length);
  let last = 0;
  for (const t of sorted) {
    varint(dir, t.id - last);
    last = t.id;
  }
  for (let i = 0; i < sorted.length; i++) varint(dir, 1);
  for (const t of sorted) varint(dir, t.data.length);
  let offset = 0;
  for (const t of sorted) {
    varint(dir, offset + 1);
    offset += t.data.length;
  }
  const metadata = new TextEncoder().encode("{}");
  const header = Buffer.alloc(127);
  header.write("PMTiles", 0, "ascii");
  header.writeUInt8(3, 7);
  const rootOffset = 127;
  const metaOffset = rootOffset + dir.length;
  const dataOffset = metaOffset + metadata.length;
  const u64 = (at: number, v: number) => header.writeBigUInt64LE(BigInt(v), at);
  u64(8, rootOffset);
  u64(16, dir.length);
  u64(24, metaOffset);
  u64(32, metadata.length);
  u64(40, dataOffset);
  u64(48, 0);
  u64(56, dataOffset);
  u64(64, offset);
  u64(72, sorted.length);
  u64(80, sorted.length);
  u64(88, sorted.length);
  header.writeUInt8(1, 96); // clustered
  header.writeUInt8(1, 97); // internal compression: none
  header.writeUInt8(1, 98); // tile compression: none
  header.writeUInt8(tileType, 99);
  const zooms = sorted.map((t) => t.z);
  header.writeUInt8(Math.min(...zooms), 100);
  header.writeUInt8(Math.max(...zooms), 101);
  const e7 = (v: number) => Math.round(v * 1e7);
  header.writeInt32LE(e7(bounds[0]), 102);
  header.writeInt32LE(e7(bounds[1]), 106);
  header.writeInt32LE(e7(bounds[2]), 110);
  header.writeInt32LE(e7(bounds[3]), 114);
  header.writeUInt8(Math.min(...zooms), 118);
  header.writeInt32LE(e7((bounds[0] + bounds[2]) / 2), 119);
  header.writeInt32LE(e7((bounds[1] + bounds[3]) / 2), 123);
  return Buffer.concat([header, Buffer.from(dir), metadata, ...sorted.map((t) => Buffer.from(t.data))]);
}
