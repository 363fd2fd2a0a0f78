import { getFormatter, getTranslations } from "next-intl/server";
import type { listAudit } from "@/db/audit";
import { USER_ROLES } from "@/lib/domain/types";
import { actionLabelKey } from "./audit-query";
import styles from "./audit.module.css";

type AuditRow = ReturnType<typeof listAudit>[number];

/** The audit rows, newest first: when (Beijing time, UTC in the title), who, role, action, outcome, target, detail, from where. */
export async function AuditTable({ locale, rows }: { locale: string; rows: AuditRow[] }) {
  const t = await getTranslations({ locale, namespace: "audit" });
  const roles = await getTranslations({ locale, namespace: "auth.role" });
  const format = await getFormatter({ locale });
  const isRole = (role: string | null): role is (typeof USER_ROLES)[number] => (USER_ROLES as readonly string[]).includes(role ?? "");
  if (!rows.length) return <p className={styles.empty} data-testid="audit-empty">{t("empty")}</p>;
  return (
    <div className={styles.tableWrap}>
      <table className={styles.table} data-testid="audit-table">
        <thead>
          <tr>
            {(["at", "user", "role", "action", "outcome", "target", "detail", "ip"] as const).map((c) => (
              <th key={c} scope="col">
                {t(`columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const key = `actions.${actionLabelKey(row.action)}`;
            return (
              <tr key={row.id} data-testid="audit-row" data-action={row.action} className={row.outcome === "ok" ? undefined : styles.refused}>
                <td className={styles.nowrap}>
                  <time dateTime={row.at} title={`${row.at} (UTC)`}>
                    {format.dateTime(new Date(row.at), { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Shanghai" })}
                  </time>
                </td>
                <td>{row.username ?? <span className={styles.muted}>{t("anonymous")}</span>}</td>
                <td>{isRole(row.role) ? roles(row.role) : (row.role ?? "")}</td>
                <td>
                  {t.has(key) ? t(key) : row.action} <code className={styles.muted}>{row.action}</code>
                </td>
                <td>{t(`outcome.${row.outcome}`)}</td>
                <td>{row.targetType ? `${row.targetType}${row.targetId ? `/${row.targetId}` : ""}` : ""}</td>
                <td className={styles.detail}>{row.detail ?? ""}</td>
                <td className={styles.nowrap}>{row.ip ?? ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
