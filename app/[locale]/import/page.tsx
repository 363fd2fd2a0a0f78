import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { AppNav } from "@/app/_components/app-nav";
import { ImportWizard } from "@/app/_components/import/import-wizard";
import styles from "@/app/_components/import/import.module.css";
import { homePathOf } from "@/app/_lib/home-path";
import { requirePageUser } from "@/app/_lib/page-user";
import { can } from "@/lib/domain/permissions";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  const [t, app] = await Promise.all([getTranslations({ locale, namespace: "layerImport" }), getTranslations({ locale, namespace: "app" })]);
  return { title: `${t("title")} · ${app("title")}` };
}

/**
 * The import page (issue #8, admins only): districts, small areas, buildings or reference features from a
 * vector file — upload with progress, preview on a map with the field mapping, then the import's report and
 * the coverage checks.
 */
export default async function ImportRoute({ params }: { params: Promise<{ locale: string }> }) {
  const { locale: raw } = await params;
  setRequestLocale(raw);
  const locale = raw === "en" ? "en" : "zh";
  const user = await requirePageUser(locale, "create");
  // an import places data anywhere: only a role that may create anywhere (an admin)
  if (!can(user.role, "create", "outside")) redirect(`/${locale}${homePathOf(user.role)}`);
  const t = await getTranslations({ locale, namespace: "layerImport" });
  return (
    <>
      <AppNav user={user} locale={locale} current="import" />
      <main className={styles.page} data-testid="import-page">
        <h1>{t("title")}</h1>
        <p className="hint">{t("hint")}</p>
        <ImportWizard locale={locale} testHook={process.env.TESSERA_TEST_HOOKS === "1"} />
      </main>
    </>
  );
}
