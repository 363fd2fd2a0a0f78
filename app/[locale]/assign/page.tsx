import { getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { listAssignableUsers, listDistrictsToAssign, listSmallAreasToAssign, listTownshipsToAssign } from "@/db/assignment-queries";
import { AppNav } from "@/app/_components/app-nav";
import { AreaTable } from "@/app/_components/assign/area-table";
import { DistrictTable } from "@/app/_components/assign/district-table";
import { TownshipTable } from "@/app/_components/assign/township-table";
import styles from "@/app/_components/assign/assign.module.css";
import { requirePageUser } from "@/app/_lib/page-user";

export const dynamic = "force-dynamic";

/**
 * The office's assign page (issue #6): districts to mappers and guides, the small areas of a chosen district
 * (`?district=CODE`) to enumerators, townships to township offices — only the records the person may assign.
 */
export default async function AssignPage({ params, searchParams }: { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(locale, "assign");
  const t = await getTranslations({ locale, namespace: "assign" });
  const query = await searchParams;
  const db = getDb();
  const districts = listDistrictsToAssign(db, user);
  const wanted = typeof query.district === "string" ? query.district : null;
  const chosen = districts.find((d) => d.code === wanted) ?? districts.find((d) => d.smallAreas > 0) ?? null;
  const areas = chosen ? listSmallAreasToAssign(db, user, chosen.id) : [];
  const townships = listTownshipsToAssign(db, user);
  const people = listAssignableUsers(db);
  return (
    <div className={styles.page}>
      <AppNav user={user} locale={locale} current="assign" />
      <main className={styles.main}>
        <h1>{t("title")}</h1>
        <p className={styles.intro}>{t("intro")}</p>

        <h2>{t("districts.title")}</h2>
        <DistrictTable districts={districts} people={people.filter((p) => p.role === "mapper" || p.role === "guide")} />

        <h2>{t("areas.title")}</h2>
        <AreaTable
          key={chosen?.code ?? ""}
          districts={districts.map(({ code, nameZh, nameEn, smallAreas }) => ({ code, nameZh, nameEn, smallAreas }))}
          districtCode={chosen?.code ?? null}
          areas={areas}
          people={people.filter((p) => p.role === "enumerator")}
        />

        {townships.length > 0 && (
          <>
            <h2>{t("townships.title")}</h2>
            <p className={styles.intro}>{t("townships.intro")}</p>
            <TownshipTable townships={townships} people={people.filter((p) => p.role === "office" && p.id !== user.id)} />
          </>
        )}
      </main>
    </div>
  );
}
