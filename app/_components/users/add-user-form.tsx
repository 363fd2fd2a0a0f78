"use client";

import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { addUser } from "@/app/_actions/users";
import { USER_ROLES } from "@/lib/domain/types";
import { refusalText } from "./refusal-text";
import styles from "./users.module.css";

/** The users page's "add an account" form: user name, name, role and initial password. */
export function AddUserForm({ minPassword }: { minPassword: number }) {
  const t = useTranslations("users");
  const roles = useTranslations("auth.role");
  const refusal = useTranslations("auth.refusal");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? "");
    const input = { username: field("username"), displayName: field("displayName"), role: field("role"), password: field("password") };
    startTransition(async () => {
      const result = await addUser(input);
      if (result.ok) {
        form.reset();
        setMessage({ ok: true, text: t("add.done", { username: input.username.trim() }) });
        router.refresh();
      } else {
        setMessage({ ok: false, text: refusalText(result, minPassword, t, refusal) });
      }
    });
  }

  return (
    <form className={styles.addForm} onSubmit={submit} aria-labelledby="users-add-title">
      <h2 id="users-add-title">{t("add.title")}</h2>
      <label>
        {t("add.username")}
        <input name="username" required autoComplete="off" spellCheck={false} maxLength={64} data-testid="users-add-username" />
        <small>{t("add.usernameHint")}</small>
      </label>
      <label>
        {t("add.displayName")}
        <input name="displayName" autoComplete="off" maxLength={100} data-testid="users-add-display" />
      </label>
      <label>
        {t("add.role")}
        <select name="role" defaultValue="mapper" data-testid="users-add-role">
          {USER_ROLES.map((r) => (
            <option key={r} value={r}>
              {roles(r)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t("add.password")}
        <input name="password" type="password" required autoComplete="new-password" maxLength={200} data-testid="users-add-password" />
        <small>{t("add.passwordHint", { min: minPassword })}</small>
      </label>
      <button type="submit" disabled={pending} data-testid="users-add-submit">
        {pending ? t("add.working") : t("add.submit")}
      </button>
      {message && (
        <p className={message.ok ? styles.done : styles.error} role={message.ok ? "status" : "alert"} data-testid="users-add-message">
          {message.text}
        </p>
      )}
    </form>
  );
}
