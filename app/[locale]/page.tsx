import { setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCensusInfo, getExtent, getOverview, listImagerySources, listTownships } from "@/db/queries";
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
  const imagery = listImagerySources(db).find((s) => s.kind === "mbtiles") ?? null;
  const area = typeof query.area === "string" && /^\d+$/.test(query.area) ? Number(query.area) : null;
  return (
    <MapPage
      locale={locale === "en" ? "en" : "zh"}
      extent={getExtent(db)}
      imagery={imagery && { id: imagery.id, name: imagery.name, minZoom: imagery.minZoom, maxZoom: imagery.maxZoom, attribution: imagery.attribution, bounds: imagery.bounds }}
      overview={getOverview(db)}
      census={getCensusInfo(db)}
      townships={listTownships(db)}
      initialView={parseMapParam(typeof query.map === "string" ? query.map : null)}
      initialArea={area}
      testHook={process.env.TESSERA_TEST_HOOKS === "1"}
      nav={<AppNav user={user} locale={locale} current="map" />}
      // an import places buildings anywhere, so it needs a role that may create anywhere
      abilities={{ edit: canEver(user.role, "edit_shape"), import: can(user.role, "create", "outside"), print: canEver(user.role, "print") }}
    />
  );
}
