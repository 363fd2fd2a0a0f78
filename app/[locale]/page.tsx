import { setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCensusInfo, getExtent, getOverview, listTownships } from "@/db/queries";
import { listImagerySourceRows } from "@/db/imagery-sources";
import { MapPage } from "@/app/_components/map-page";
import { parseMapParam } from "@/app/_components/url-state";
import { AppNav } from "@/app/_components/app-nav";
import { requirePageUser } from "@/app/_lib/page-user";
import { can, canEver } from "@/lib/domain/permissions";

export const dynamic = "force-dynamic";

export default async function MapRoute({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(locale, "read");
  const query = await searchParams;
  const db = getDb();
  // every kind is served by the tile route; the default comes first. Never the location or key variable: the browser needs neither
  const imagery = listImagerySourceRows(db).map((s) => ({ id: s.id, name: s.name, minZoom: s.minZoom, maxZoom: s.maxZoom, attribution: s.attribution, bounds: s.bounds, offsetX: s.offsetX, offsetY: s.offsetY, version: s.version }));
  const area = typeof query.area === "string" && /^\d+$/.test(query.area) ? Number(query.area) : null;
  return (
    <MapPage
      locale={locale === "en" ? "en" : "zh"}
      extent={getExtent(db)}
      imagery={imagery}
      overview={getOverview(db)}
      census={getCensusInfo(db)}
      townships={listTownships(db)}
      initialView={parseMapParam(typeof query.map === "string" ? query.map : null)}
      initialArea={area}
      testHook={process.env.TESSERA_TEST_HOOKS === "1"}
      nav={<AppNav user={user} locale={locale} current="map" />}
      // an import places buildings anywhere, so it needs a role that may create anywhere
      abilities={{ edit: canEver(user.role, "edit_shape"), editAttributes: canEver(user.role, "edit_attributes"), import: can(user.role, "create", "outside"), print: canEver(user.role, "print"), manageImagery: canEver(user.role, "manage_imagery"), export: canEver(user.role, "export") }}
    />
  );
}
