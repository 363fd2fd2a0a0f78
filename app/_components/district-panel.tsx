"use client";

import { useLocale, useTranslations } from "next-intl";
import type { TownshipInfo } from "@/db/queries";
import type { DistrictEntity } from "@/lib/edits/types";
import { BatchPrint } from "./print/batch-print";
import { PrintButton } from "./print/print-button";
import { PrintOptions } from "./print/print-options";
import type { PrintTools } from "./print/print-section";
import styles from "./print/print.module.css";

interface Props {
  id: number;
  /** the district as the editor's snapshot holds it (null until the snapshot has loaded) */
  district: DistrictEntity | null;
  township: TownshipInfo | null;
  smallAreas: number;
  /** null when the person's role never prints */
  print: PrintTools | null;
  onClose: () => void;
}

/**
 * The side panel of a selected district: its code, name, township and number of small areas, and for those who
 * may print, the district sheet and "print all sheets" of the district and of its township.
 */
export function DistrictPanel({ id, district, township, smallAreas, print, onClose }: Props) {
  const t = useTranslations("print");
  const tp = useTranslations("panel");
  const ts = useTranslations("summary");
  const locale = useLocale();
  const name = (x: { nameZh: string; nameEn: string }) => (locale === "zh" ? x.nameZh : x.nameEn);
  return (
    <aside className="side-panel" data-testid="district-panel" data-district-id={id}>
      <div className="side-panel-head">
        <h2>
          {t("districtTitle")} <span data-testid="district-code">{district?.code ?? ""}</span>
        </h2>
        <button type="button" className="close" onClick={onClose} aria-label={tp("close")}>
          ×
        </button>
      </div>
      <dl className="facts">
        {district && (
          <div>
            <dt>{tp("name")}</dt>
            <dd>{name(district)}</dd>
          </div>
        )}
        {township && (
          <div>
            <dt>{t("township")}</dt>
            <dd>
              {name(township)} <span className="code">{township.code}</span>
            </dd>
          </div>
        )}
        <div>
          <dt>{ts("smallAreas")}</dt>
          <dd>{smallAreas}</dd>
        </div>
      </dl>
      {print && (
        <section className={styles.section} data-testid="print-section">
          <h3>{t("title")}</h3>
          <PrintOptions value={print.choice} onChange={print.onChoice} />
          <div className={styles.buttons}>
            <PrintButton kind="district" id={id} choice={print.choice} />
          </div>
          <BatchPrint key={`district-${id}`} scope="district" id={id} choice={print.choice} />
          {township && <BatchPrint key={`township-${township.id}`} scope="township" id={township.id} choice={print.choice} />}
          <p className={styles.note}>{t("districtHint")}</p>
        </section>
      )}
    </aside>
  );
}
