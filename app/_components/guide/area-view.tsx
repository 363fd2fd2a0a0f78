"use client";

import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import { useFormatter, useTranslations } from "next-intl";
import type { GuideAreaDetail } from "@/db/guide-queries";
import type { UserRole } from "@/lib/domain/types";
import { canEver } from "@/lib/domain/permissions";
import { actionsFrom } from "@/lib/domain/workflow";
import type { GuideMapData } from "@/lib/map/create-guide-map";
import type { MapImagery } from "@/lib/map/style";
import { AreaActions, type PinSource } from "./area-actions";
import { GuideMap } from "./guide-map";
import { StateBadge } from "../state-badge";
import { PrintButton } from "../print/print-button";
import type { ChangeSmallAreaState } from "./workflow-types";
import styles from "./guide.module.css";

interface Props {
  locale: "zh" | "en";
  role: UserRole;
  detail: GuideAreaDetail;
  imagery: MapImagery | null;
  changeState: ChangeSmallAreaState;
  testHook: boolean;
}

/**
 * One small area in the field: its state and size, the map (boundary, buildings and numbers, the areas
 * around, the GPS position), the latest return comment, and — for a guide on an approved area — Confirm and
 * Return. A return comment is pinned where the guide tapped the map (while the form is open), else at the GPS
 * position, else at the area's centre.
 */
export function AreaView({ locale, role, detail, imagery, changeState, testHook }: Props) {
  const t = useTranslations("guide");
  const format = useFormatter();
  const { area } = detail;
  const [position, setPosition] = useState<[number, number] | null>(null);
  const [tapped, setTapped] = useState<[number, number] | null>(null);
  const [returning, setReturning] = useState(false);

  const mapData: GuideMapData | null = useMemo(
    () =>
      detail.geometry && {
        geometry: detail.geometry,
        state: area.status,
        districtCode: area.district.code,
        buildings: detail.buildings,
        neighbours: detail.neighbours,
        returnPin: area.lastReturn?.at ?? null,
      },
    [detail.geometry, detail.buildings, detail.neighbours, area.status, area.district.code, area.lastReturn],
  );
  // taps place the pin only while the return form is open
  const onTap = useCallback((at: [number, number]) => setTapped(at), []);
  const openReturn = useCallback((open: boolean) => {
    setReturning(open);
    setTapped(null);
  }, []);

  const pinSource: PinSource = !detail.geometry ? "none" : tapped ? "tapped" : position ? "gps" : "centre";
  const pin = pinSource === "tapped" ? tapped : pinSource === "gps" ? position : pinSource === "centre" ? detail.centre : null;
  const confirms = canEver(role, "confirm");
  const actionable = confirms && actionsFrom(area.status).includes("confirm");

  return (
    <article className={styles.area} data-testid="guide-area-view" data-area-id={area.id}>
      <header className={styles.areaHead}>
        <Link href={`/${locale}/guide`} className={styles.back} data-testid="guide-back">
          ‹ {t("back")}
        </Link>
        <div className={styles.areaTitle}>
          <h2>
            <span className={styles.code}>{area.fullCode}</span>
            {area.name && <span> {area.name}</span>}
          </h2>
          <StateBadge className={styles.badge} state={area.status} testId="guide-state" />
        </div>
        <p className={styles.facts}>
          {locale === "zh" ? area.district.nameZh : area.district.nameEn} · {t("households", { count: area.households })} ·{" "}
          {t("persons", { count: area.persons })} · {t("buildings", { count: area.buildings })}
          {area.badImagery && <em className={styles.tag}>{t("badImagery")}</em>}
        </p>
      </header>

      {mapData ? (
        <GuideMap
          key={area.id}
          locale={locale}
          imagery={imagery}
          areaId={area.id}
          fullCode={area.fullCode}
          data={mapData}
          compact={returning}
          pin={returning ? pin : null}
          onTap={returning ? onTap : noop}
          onPosition={setPosition}
          testHook={testHook}
        />
      ) : (
        <p className={styles.noMap}>{t("noMap")}</p>
      )}
      {mapData && (
        <p className={styles.gps} data-testid="guide-gps" data-known={position ? "1" : "0"}>
          ◎ {position ? t("gps.known") : t("gps.none")}
        </p>
      )}

      {area.lastReturn && (
        <section className={styles.returnNote} data-testid="guide-return-note">
          <h3>{t("returnNote.title")}</h3>
          <p>{area.lastReturn.comment}</p>
          <p className={styles.small}>
            {t("returnNote.by", { name: area.lastReturn.by ?? "—", time: format.dateTime(new Date(area.lastReturn.createdAt), { dateStyle: "short", timeStyle: "short" }) })}
            {area.lastReturn.at && <> · {t("returnNote.pinned")}</>}
          </p>
        </section>
      )}

      {confirms && (
        <AreaActions
          area={area}
          actionable={actionable}
          pin={pin}
          pinSource={pinSource}
          returning={returning}
          onReturning={openReturn}
          onUseGps={tapped && position ? () => setTapped(null) : null}
          changeState={changeState}
        />
      )}
      {canEver(role, "print") && (
        <div className={styles.print}>
          <PrintButton kind="small_area" id={area.id} testId="guide-print" className={`${styles.printLink} ${styles.secondary}`} label={t("print")} />
        </div>
      )}
    </article>
  );
}

function noop() {}
