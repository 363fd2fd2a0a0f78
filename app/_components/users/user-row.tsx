"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { changeUserRole, resetUserPassword, setUserDisabled, type UserActionResult } from "@/app/_actions/users";
import { USER_ROLES, type UserRole } from "@/lib/domain/types";
import { refusalText } from "./refusal-text";
import styles from "./users.module.css";

/** One account as the users page shows it (times already formatted on the server). */
export interface UserRowData {
  id: number;
  username: string;
  displayName: string;
  role: UserRole;
  disabled: boolean;
  /** the creation time in the viewer's language, Asia/Shanghai */
  created: string;
  /** the creation time in UTC (ISO), for the title */
  createdUtc: string;
}

/** One row of the accounts table, with its changes: role, password reset, disable/enable. */
export function UserRow({ user, isSelf, minPassword }: { user: UserRowData; isSelf: boolean; minPassword: number }) {
  const t = useTranslations("users");
  const roles = useTranslations("auth.role");
  const refusal = useTranslations("auth.refusal");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [role, setRole] = useState<UserRole>(user.role);
  const [resetting, setResetting] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const name = user.username;
  const id = `user-${user.id}`;

  function run(action: () => Promise<UserActionResult>, done: string, after?: () => void) {
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        setMessage({ ok: true, text: done });
        after?.();
        router.refresh();
      } else {
        setMessage({ ok: false, text: refusalText(result, minPassword, t, refusal) });
      }
    });
  }

  function savePassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get("password") ?? "");
    run(() => resetUserPassword({ userId: user.id, password }), t("row.passwordReset", { username: name }), () => setResetting(false));
  }

  return (
    <tr data-testid={`users-row-${name}`} className={user.disabled ? styles.disabledRow : undefined}>
      <td>
        <code>{name}</code> {isSelf && <span className={styles.muted}>{t("you")}</span>}
      </td>
      <td>{user.displayName}</td>
      <td>
        <span className={styles.inline}>
          <select aria-label={t("row.role", { username: name })} value={role} onChange={(e) => setRole(e.target.value as UserRole)} disabled={pending} data-testid={`users-role-${name}`}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {roles(r)}
              </option>
            ))}
          </select>
          {role !== user.role && (
            <button type="button" disabled={pending} onClick={() => run(() => changeUserRole({ userId: user.id, role }), t("row.roleChanged", { username: name, role: roles(role) }))} data-testid={`users-role-save-${name}`}>
              {t("row.saveRole")}
            </button>
          )}
        </span>
      </td>
      <td data-testid={`users-status-${name}`}>{user.disabled ? t("status.disabled") : t("status.enabled")}</td>
      <td>
        <time dateTime={user.createdUtc} title={user.createdUtc}>
          {user.created}
        </time>
      </td>
      <td>
        <div className={styles.actions}>
          {resetting ? (
            <form onSubmit={savePassword} className={styles.inline}>
              <input name="password" type="password" required autoComplete="new-password" aria-label={t("row.newPassword", { username: name })} placeholder={t("row.newPassword", { username: name })} id={`${id}-password`} data-testid={`users-password-${name}`} />
              <button type="submit" disabled={pending} data-testid={`users-password-save-${name}`}>
                {t("row.savePassword")}
              </button>
              <button type="button" onClick={() => setResetting(false)}>
                {t("row.cancel")}
              </button>
            </form>
          ) : (
            <button type="button" onClick={() => setResetting(true)} disabled={pending} data-testid={`users-reset-${name}`}>
              {t("row.resetPassword")}
            </button>
          )}
          <button
            type="button"
            className={user.disabled ? undefined : styles.danger}
            disabled={pending}
            onClick={() => run(() => setUserDisabled({ userId: user.id, disabled: !user.disabled }), t(user.disabled ? "row.enabled" : "row.disabled", { username: name }))}
            data-testid={`users-toggle-${name}`}
          >
            {user.disabled ? t("row.enable") : t("row.disable")}
          </button>
        </div>
        {pending && <span className={styles.muted}>{t("row.working")}</span>}
        {message && (
          <p className={message.ok ? styles.done : styles.error} role={message.ok ? "status" : "alert"}>
            {message.text}
          </p>
        )}
      </td>
    </tr>
  );
}
