import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { SignInForm } from "@/app/_components/sign-in-form";
import { homePathOf } from "@/app/_lib/home-path";
import { currentUser } from "@/app/_lib/session";
import { LanguageSwitcher } from "@/app/_components/language-switcher";
import { ForgetLocalData } from "@/app/_components/forget-local-data";

export const dynamic = "force-dynamic";

/** The sign-in page; a signed-in person goes straight to their start page. */
export default async function SignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const user = await currentUser();
  if (user) redirect(`/${locale}${homePathOf(user.role)}`);
  const query = await searchParams;
  const t = await getTranslations({ locale, namespace: "auth.signIn" });
  const app = await getTranslations({ locale, namespace: "app" });
  return (
    <main className="sign-in-page">
      <ForgetLocalData />
      <div className="sign-in-card">
        <div className="sign-in-head">
          <span className="brand">{app("title")}</span>
          <LanguageSwitcher locale={locale} />
        </div>
        <h1>{t("title")}</h1>
        {query.ended === "1" && <p className="hint" role="status">{t("ended")}</p>}
        <SignInForm locale={locale} next={typeof query.next === "string" ? query.next : ""} />
        <p className="hint">{t("firstStart")}</p>
      </div>
    </main>
  );
}
