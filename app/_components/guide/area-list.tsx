"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { GuideArea } from "@/db/guide-queries";
import { StateBadge } from "../state-badge";
import styles from "./guide.module.css";

interface Props {
  locale: "zh" | "en";
  areas: GuideArea[];
  /** the area open beside the list (wide screens), highlighted */
  openId: number | null;
}

/** The list of "my small areas", grouped by district: code, name, state and size; a tap opens the area. */
export function AreaList({ locale, areas, openId }: Props) {
  const t = useTranslations("guide");
  const districts = [...new Map(areas.map((a) => [a.district.id, a.district])).values()];
  return (
    <div className={styles.list}>
      {districts.map((d) => (
        <section key={d.id}>
          <h3 className={styles.districtHead}>
            {locale === "zh" ? d.nameZh : d.nameEn} <span className={styles.code}>{d.code}</span>
          </h3>
          <ul>
            {areas
              .filter((a) => a.district.id === d.id)
              .map((a) => (
                <li key={a.id}>
                  <Link
                    href={`/${locale}/guide?area=${a.id}`}
                    className={styles.item}
                    aria-current={a.id === openId ? "page" : undefined}
                    data-testid={`guide-area-${a.fullCode}`}
                  >
                    <span className={styles.itemCode}>{a.code}</span>
                    <span className={styles.itemMain}>
                      <span className={styles.itemName}>
                        {a.name ?? a.fullCode}
                        {a.isVirtual && <em className={styles.tag}>{t("virtual")}</em>}
                        {a.badImagery && <em className={styles.tag}>{t("badImagery")}</em>}
                      </span>
                      <span className={styles.itemFacts}>
                        {t("households", { count: a.households })} · {t("persons", { count: a.persons })}
                      </span>
                    </span>
                    <StateBadge className={styles.badge} state={a.status} testId={`guide-state-${a.fullCode}`} />
                  </Link>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
