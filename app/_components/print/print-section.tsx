"use client";

import { useTranslations } from "next-intl";
import { PrintButton } from "./print-button";
import { PrintOptions, type PrintChoice } from "./print-options";
import styles from "./print.module.css";

/** What the map page gives the panels when the person's role may print (the server decides per record). */
export interface PrintTools {
  choice: PrintChoice;
  onChoice: (next: PrintChoice) => void;
  /** opens the district panel (its sheet and "print all sheets") */
  onSelectDistrict: (districtId: number) => void;
}

/**
 * The print section of the small-area panel: the options, the area's sheet and its district's sheet, and the
 * way to the district panel for all sheets of the district or township.
 */
export function SmallAreaPrint({ smallAreaId, districtId, tools }: { smallAreaId: number; districtId: number; tools: PrintTools }) {
  const t = useTranslations("print");
  return (
    <section className={styles.section} data-testid="print-section">
      <h3>{t("title")}</h3>
      <PrintOptions value={tools.choice} onChange={tools.onChoice} />
      <div className={styles.buttons}>
        <PrintButton kind="small_area" id={smallAreaId} choice={tools.choice} />
        <PrintButton kind="district" id={districtId} choice={tools.choice} />
        <button type="button" className={styles.button} data-testid="print-open-district" onClick={() => tools.onSelectDistrict(districtId)}>
          {t("allSheets")} ›
        </button>
      </div>
    </section>
  );
}
