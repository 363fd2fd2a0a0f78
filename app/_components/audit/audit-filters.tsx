import { getTranslations } from "next-intl/server";
import { actionLabelKey, auditQueryString, AUDIT_OUTCOMES, KNOWN_AUDIT_ACTIONS, type AuditQueryValues } from "./audit-query";
import styles from "./audit.module.css";

/**
 * The auditor's filters as a plain GET form (the filters live in the query string, so a filtered view can be
 * bookmarked or sent on), and links exporting the same rows as CSV or JSON.
 */
export async function AuditFilters({ locale, values }: { locale: string; values: AuditQueryValues }) {
  const t = await getTranslations({ locale, namespace: "audit" });
  const label = (action: string) => {
    const key = `actions.${actionLabelKey(action)}`;
    return t.has(key) ? `${t(key)} · ${action}` : action;
  };
  const actions: string[] = [...KNOWN_AUDIT_ACTIONS];
  if (values.action && !actions.includes(values.action)) actions.push(values.action);
  return (
    <form method="get" action={`/${locale}/audit`} className={styles.filters} aria-label={t("filters.legend")} data-testid="audit-filters">
      <label>
        {t("filters.user")}
        <input name="user" defaultValue={values.user} autoComplete="off" spellCheck={false} maxLength={64} data-testid="audit-filter-user" />
      </label>
      <label>
        {t("filters.action")}
        <select name="action" defaultValue={values.action || "all"} data-testid="audit-filter-action">
          <option value="all">{t("filters.all")}</option>
          {actions.map((a) => (
            <option key={a} value={a}>
              {label(a)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("filters.outcome")}
        <select name="outcome" defaultValue={values.outcome || "all"} data-testid="audit-filter-outcome">
          <option value="all">{t("filters.all")}</option>
          {AUDIT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`outcome.${o}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("filters.from")}
        <input type="date" name="from" defaultValue={values.from} data-testid="audit-filter-from" />
      </label>
      <label>
        {t("filters.to")}
        <input type="date" name="to" defaultValue={values.to} data-testid="audit-filter-to" />
      </label>
      <div className={styles.buttons}>
        <button type="submit" data-testid="audit-filter-apply">
          {t("filters.apply")}
        </button>
        <a href={`/${locale}/audit`}>{t("filters.clear")}</a>
      </div>
      <div className={styles.export}>
        {t("export.label")}:{" "}
        <a href={`/api/audit${auditQueryString(values, { format: "csv" })}`} download data-testid="audit-export-csv">
          {t("export.csv")}
        </a>{" "}
        ·{" "}
        <a href={`/api/audit${auditQueryString(values, { format: "json" })}`} download data-testid="audit-export-json">
          {t("export.json")}
        </a>
      </div>
    </form>
  );
}
