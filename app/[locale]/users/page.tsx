import { getFormatter, getTranslations, setRequestLocale } from "next-intl/server";
import { getDb } from "@/db/client";
import { listUsers, MIN_PASSWORD_LENGTH } from "@/db/auth";
import { AppNav } from "@/app/_components/app-nav";
import { AddUserForm } from "@/app/_components/users/add-user-form";
import { UserRow } from "@/app/_components/users/user-row";
import styles from "@/app/_components/users/users.module.css";
import { requirePageUser } from "@/app/_lib/page-user";

export const dynamic = "force-dynamic";

/** The administrator's accounts page: every account, adding one, and the changes to each. */
export default async function UsersPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await requirePageUser(locale, "manage_users");
  const t = await getTranslations({ locale, namespace: "users" });
  const format = await getFormatter({ locale });
  const accounts = listUsers(getDb());
  return (
    <div className={styles.page}>
      <AppNav user={user} locale={locale} current="users" />
      <main className={styles.main}>
        <h1>{t("title")}</h1>
        <p className={styles.intro}>{t("intro")}</p>
        <AddUserForm minPassword={MIN_PASSWORD_LENGTH} />
        <p className={styles.muted}>{t("count", { count: accounts.length })}</p>
        <div className={styles.tableWrap}>
          <table className={styles.table} data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{t("columns.username")}</th>
                <th scope="col">{t("columns.displayName")}</th>
                <th scope="col">{t("columns.role")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("columns.created")}</th>
                <th scope="col">{t("columns.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <UserRow
                  key={a.id}
                  user={{ ...a, created: format.dateTime(new Date(a.createdAt), { dateStyle: "medium", timeStyle: "short" }), createdUtc: a.createdAt }}
                  isSelf={a.id === user.id}
                  minPassword={MIN_PASSWORD_LENGTH}
                />
              ))}
            </tbody>
          </table>
        </div>
      </main>
    </div>
  );
}
