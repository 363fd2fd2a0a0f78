"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { signInAction, type SignInState } from "@/app/_actions/auth";

/** The sign-in form: user name and password, posted to the sign-in server action; shows why a sign-in failed. */
export function SignInForm({ locale, next }: { locale: string; next: string }) {
  const t = useTranslations("auth.signIn");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { error: null });
  return (
    <form action={action} className="sign-in-form">
      <input type="hidden" name="locale" value={locale} />
      <input type="hidden" name="next" value={next} />
      <label>
        {t("username")}
        <input name="username" autoComplete="username" required autoFocus defaultValue={state.username ?? ""} key={state.username ?? ""} data-testid="sign-in-username" />
      </label>
      <label>
        {t("password")}
        <input name="password" type="password" autoComplete="current-password" required data-testid="sign-in-password" />
      </label>
      {state.error && (
        <p role="alert" className="error" data-testid="sign-in-error">
          {t(state.error)}
        </p>
      )}
      <button type="submit" disabled={pending} data-testid="sign-in-submit">
        {pending ? t("working") : t("submit")}
      </button>
    </form>
  );
}
