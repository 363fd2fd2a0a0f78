"use client";

import { useLocale, useTranslations } from "next-intl";
import { DEFAULT_PRINT_CHOICE, printQuery, type PrintChoice } from "./print-options";
import styles from "./print.module.css";

/** Used by the sheet links: the GET route of one sheet with the choices in its query. */
export function printSheetHref(kind: "small_area" | "district", id: number, choice: PrintChoice, locale: string): string {
  return `/api/print/${kind === "small_area" ? "small-areas" : "districts"}/${id}?${printQuery(choice, locale)}`;
}

interface Props {
  kind: "small_area" | "district";
  id: number;
  choice?: PrintChoice;
  /** default: print-small-area / print-district */
  testId?: string;
  /** replaces the look of the panel's button (the guide's phone view has its own) */
  className?: string;
  /** default: "Print small-area sheet" / "Print district sheet" */
  label?: string;
}

/**
 * A download of one sheet (small area or district) as a plain link: the browser saves the PDF the route sends
 * (works on phones too); the route checks the permission and writes the audit row.
 */
export function PrintButton({ kind, id, choice = DEFAULT_PRINT_CHOICE, testId, className, label }: Props) {
  const t = useTranslations("print");
  const locale = useLocale();
  return (
    <a
      href={printSheetHref(kind, id, choice, locale)}
      download
      className={className ?? styles.button}
      data-testid={testId ?? (kind === "small_area" ? "print-small-area" : "print-district")}
    >
      {label ?? t(kind === "small_area" ? "smallArea" : "district")}
    </a>
  );
}
