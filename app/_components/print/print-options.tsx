"use client";

import { useTranslations } from "next-intl";
import { ORIENTATIONS, PAPERS, type Orientation, type Paper } from "@/lib/print/types";
import styles from "./print.module.css";

/** What the person chose for the next print (the language is the page's). */
export interface PrintChoice {
  paper: Paper;
  orientation: Orientation;
  imagery: boolean;
}

/** A4 portrait without imagery: the clean line map most prints are. */
export const DEFAULT_PRINT_CHOICE: PrintChoice = { paper: "A4", orientation: "portrait", imagery: false };

/** Used by the sheet links and the batch: the query string of a print with `choice` in `locale`. */
export function printQuery(choice: PrintChoice, locale: string): string {
  const query = new URLSearchParams({ paper: choice.paper, orientation: choice.orientation, locale });
  if (choice.imagery) query.set("imagery", "1");
  return query.toString();
}

/** The compact print form: paper A4/A3, portrait/landscape, and the imagery background on or off. */
export function PrintOptions({ value, onChange }: { value: PrintChoice; onChange: (next: PrintChoice) => void }) {
  const t = useTranslations("print");
  return (
    <div className={styles.options}>
      <label>
        {t("paper")}
        <select data-testid="print-paper" value={value.paper} onChange={(e) => onChange({ ...value, paper: e.target.value as Paper })}>
          {PAPERS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("orientation")}
        <select data-testid="print-orientation" value={value.orientation} onChange={(e) => onChange({ ...value, orientation: e.target.value as Orientation })}>
          {ORIENTATIONS.map((o) => (
            <option key={o} value={o}>
              {t(o)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" data-testid="print-imagery" checked={value.imagery} onChange={(e) => onChange({ ...value, imagery: e.target.checked })} />
        {t("imagery")}
      </label>
    </div>
  );
}
