import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { appendAudit } from "@/db/audit";
import { getDb } from "@/db/client";
import { listMyAreas, myAreaDetail } from "@/db/guide-queries";
import { listImagerySources } from "@/db/queries";
import { AppNav } from "@/app/_components/app-nav";
import { AreaList } from "@/app/_components/guide/area-list";
import { AreaView } from "@/app/_components/guide/area-view";
import styles from "@/app/_components/guide/guide.module.css";
import type { ChangeSmallAreaState } from "@/app/_components/guide/workflow-types";
import { requirePageUser } from "@/app/_lib/page-user";
import { requestIp } from "@/app/_lib/session";
import { changeSmallAreaState } from "@/app/_actions/workflow";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const [guide, app] = await Promise.all([getTranslations({ locale, namespace: "guide" }), getTranslations({ locale, namespace: "app" })]);
  return { title: `${guide("title")} · ${app("title")}` };
}

const changeState: ChangeSmallAreaState = changeSmallAreaState;

/**
 * The guide view (issue #6), phone first: the small areas of the person's assignment with their state, and
 * with `?area=<id>` one area's map with the GPS position and, for a guide, Confirm and Return.
 */
export default async function GuideRoute({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale: raw } = await params;
  setRequestLocale(raw);
  const locale = raw === "en" ? "en" : "zh";
  const user = await requirePageUser(locale, "read");
  const t = await getTranslations({ locale, namespace: "guide" });
  const query = await searchParams;
  const db = getDb();
  const areas = listMyAreas(db, user);
  const areaId = typeof query.area === "string" && /^\d{1,12}$/.test(query.area) ? Number(query.area) : null;
  const detail = areaId === null ? null : myAreaDetail(db, user, areaId);
  if (areaId !== null && !detail) {
    // a refusal like the guards' (a missing area is refused the same way, so a guessed id reveals nothing)
    appendAudit(db, { actor: user, action: "forbidden", outcome: "refused", targetType: "small_area", targetId: areaId, detail: "read_units", ip: await requestIp() });
    notFound();
  }
  const source = detail ? (listImagerySources(db).find((s) => s.kind === "mbtiles") ?? null) : null;
  const imagery = source && { id: source.id, minZoom: source.minZoom, maxZoom: source.maxZoom, attribution: source.attribution, bounds: source.bounds };
  const inField = user.role === "guide" || user.role === "enumerator";

  return (
    <>
      <AppNav user={user} locale={locale} current="guide" />
      <main className={`${styles.page} ${detail ? styles.withArea : styles.listOnly}`} data-testid="guide-page">
        <div className={styles.listColumn}>
          {inField ? (
            <p className={styles.intro}>{t(`intro.${user.role}`)}</p>
          ) : (
            <p className={styles.note} data-testid="guide-role-note">
              {t("intro.other")}
            </p>
          )}
          {areas.length ? (
            <>
              <p className={styles.count}>{t("count", { count: areas.length })}</p>
              <AreaList locale={locale} areas={areas} openId={detail?.area.id ?? null} />
            </>
          ) : (
            <p className={styles.empty} data-testid="guide-empty">
              {t("empty")}
            </p>
          )}
        </div>
        {detail && (
          <AreaView
            key={detail.area.id}
            locale={locale}
            role={user.role}
            detail={detail}
            imagery={imagery}
            changeState={changeState}
            testHook={process.env.TESSERA_TEST_HOOKS === "1"}
          />
        )}
      </main>
    </>
  );
}
