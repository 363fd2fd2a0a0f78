/**
 * Used wherever a small distance in metres must become degrees or back (tolerances, sliver widths, the
 * bench's local frame): metres per degree of longitude and of latitude at a latitude. Equirectangular, so
 * accurate to well under 1 % over a county; reported areas use `ringAreaM2` instead.
 */
export function metresPerDegree(lat: number): [number, number] {
  return [111_320 * Math.cos((lat * Math.PI) / 180), 110_574];
}
