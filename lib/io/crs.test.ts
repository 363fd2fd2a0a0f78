import proj4 from "proj4";
import { describe, expect, it } from "vitest";
import { PRJ_4527, WKT_4547 } from "@/bin/make-format-fixtures";
import { crsFromEpsg, crsFromPrj, gcj02ToWgs84, isLonLatCrs, lonLatSwapped, outsideBbox, swapLonLat, toLonLat } from "@/lib/io/crs";
import { epsgDefinition, gkZones, zoneFromEasting } from "@/lib/io/crs-defs";

const pointAt = (x: number, y: number) => ({ type: "Feature" as const, properties: {}, geometry: { type: "Point" as const, coordinates: [x, y] } });
const coords = (f: { geometry: unknown }) => (f.geometry as { coordinates: number[] }).coordinates;

describe("CGCS2000 Gauss-Krüger zones", () => {
  it("defines EPSG:4491–4554 from their parameters (4527 = zone 39, CM 117°E, FE 39 500 000; 4547 = CM 114°E, FE 500 000)", () => {
    const zones = gkZones();
    expect(zones.map((z) => z.code)).toEqual(Array.from({ length: 64 }, (_, i) => 4491 + i));
    expect(zones.find((z) => z.code === 4527)).toEqual({ code: 4527, cm: 117, falseEasting: 39_500_000, width: 3, zone: 39 });
    expect(zones.find((z) => z.code === 4547)).toEqual({ code: 4547, cm: 114, falseEasting: 500_000, width: 3, zone: null });
    expect([4513, 4533, 4534, 4554].map((c) => zones.find((z) => z.code === c)?.cm)).toEqual([75, 135, 75, 135]);
    expect(epsgDefinition(4527)).toContain("+lon_0=117 +k=1 +x_0=39500000");
    expect(zoneFromEasting(39_512_345)?.code).toBe(4527);
    expect(zoneFromEasting(512_345)).toBeNull();
  });

  it("agrees with proj4 reading the ArcGIS .prj and the GDAL WKT of the same zones (1 mm)", () => {
    for (const [code, wkt] of [[4527, PRJ_4527], [4547, WKT_4547]] as const) {
      const ours = proj4("EPSG:4326", epsgDefinition(code) as string), theirs = proj4("EPSG:4326", wkt);
      for (const p of [[code === 4527 ? 116.2 : 113.1, 36.5], [code === 4527 ? 118.4 : 115.4, 22.3]]) {
        const [a, b] = [ours.forward(p), theirs.forward(p)];
        expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeLessThan(1e-3);
      }
    }
  });

  it("puts the central meridian at the false easting", () => {
    const [lon, lat] = coords(toLonLat([pointAt(39_500_000, 4_000_000)], "EPSG:4527")[0]);
    expect(lon).toBeCloseTo(117, 10);
    expect(lat).toBeCloseTo(36.1302929207, 8); // gdaltransform -s_srs EPSG:4527 -t_srs EPSG:4490
    const [cm, equator] = coords(toLonLat([pointAt(500_000, 0)], "EPSG:4547")[0]);
    expect([cm, equator]).toEqual([expect.closeTo(114, 12), expect.closeTo(0, 12)]);
  });
});

describe("crsFromPrj", () => {
  it("recognises the zone of an ArcGIS .prj and GDAL WKT, WGS84, CGCS2000 and Web Mercator", () => {
    expect(crsFromPrj(PRJ_4527)).toBe("EPSG:4527");
    expect(crsFromPrj(PRJ_4527.replace("AUTHORITY", ""))).toBe("EPSG:4527");
    expect(crsFromPrj(WKT_4547)).toBe("EPSG:4547");
    expect(crsFromPrj(WKT_4547.replace(/,AUTHORITY\["EPSG","4547"\]\]$/, "]"))).toBe("EPSG:4547");
    expect(crsFromPrj('PROJCS["CGCS2000_3_Degree_GK_CM_114E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",114.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]')).toBe("EPSG:4547");
    expect(crsFromPrj('GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toBe("EPSG:4326");
    expect(crsFromPrj('GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]')).toBe("EPSG:4490");
    expect(crsFromPrj('PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]')).toBe("EPSG:3857");
  });

  it("keeps a WKT proj4 can read (UTM) and refuses text it cannot", () => {
    const utm = 'PROJCS["WGS_1984_UTM_Zone_50N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",117.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    expect(crsFromPrj(utm)).toBe(utm);
    expect(coords(toLonLat([pointAt(500000, 4000000)], utm)[0])[0]).toBeCloseTo(117, 9);
    expect(crsFromPrj("not a wkt")).toBeNull();
    expect(crsFromPrj("")).toBeNull();
  });
});

describe("lon/lat helpers", () => {
  it("treats EPSG:4326/4490 and CRS84 as lon/lat and reprojects Web Mercator", () => {
    expect([isLonLatCrs("EPSG:4326"), isLonLatCrs("EPSG:4490"), isLonLatCrs("urn:ogc:def:crs:OGC:1.3:CRS84"), isLonLatCrs("EPSG:3857")]).toEqual([true, true, true, false]);
    expect(crsFromEpsg(4527)).toBe("EPSG:4527");
    expect(crsFromEpsg(2000000)).toBeNull();
    const [lon, lat] = coords(toLonLat([pointAt(12958175.58, 4825923.77)], "EPSG:3857")[0]);
    const R = 6378137;
    expect(lon).toBeCloseTo(((12958175.58 / R) * 180) / Math.PI, 9);
    expect(lat).toBeCloseTo(((2 * Math.atan(Math.exp(4825923.77 / R)) - Math.PI / 2) * 180) / Math.PI, 9);
  });

  it("detects swapped lon/lat only when every point fits China swapped and not as is", () => {
    expect(lonLatSwapped([pointAt(39.9, 116.3), pointAt(31.2, 121.5)])).toBe(true);
    expect(lonLatSwapped([pointAt(116.3, 39.9), pointAt(31.2, 121.5)])).toBe(false);
    expect(lonLatSwapped([pointAt(40, 100)])).toBe(true);
    expect(lonLatSwapped([pointAt(100, 40)])).toBe(false);
    expect(coords(swapLonLat([pointAt(39.9, 116.3)])[0])).toEqual([116.3, 39.9]);
  });

  it("converts GCJ-02 to WGS84 and lists the features outside a bbox", () => {
    const [lon, lat] = coords(gcj02ToWgs84([pointAt(116.404, 39.915)])[0]);
    expect(Math.hypot((lon - 116.404) * 85_000, (lat - 39.915) * 111_000)).toBeGreaterThan(100);
    expect(outsideBbox([pointAt(116.3, 39.9), pointAt(117.5, 39.9), pointAt(116.35, 39.95)], [116, 39.5, 117, 40])).toEqual([1]);
  });
});
