import { getTranslations } from "next-intl/server";
import { can, canEver } from "@/lib/domain/permissions";
import type { UserRole } from "@/lib/domain/types";
import { signOutAction } from "@/app/_actions/auth";
import { LanguageSwitcher } from "./language-switcher";

/** The pages of the app, each shown to the roles that may use it. */
const PAGES = [
  { id: "map", path: "", shown: () => true },
  { id: "guide", path: "/guide", shown: (role: UserRole) => role === "guide" || role === "enumerator" || role === "admin" },
  { id: "assign", path: "/assign", shown: (role: UserRole) => canEver(role, "assign") },
  { id: "dashboard", path: "/dashboard", shown: (role: UserRole) => canEver(role, "read_dashboard") },
  { id: "audit", path: "/audit", shown: (role: UserRole) => canEver(role, "read_audit") },
  { id: "users", path: "/users", shown: (role: UserRole) => canEver(role, "manage_users") },
  // an import places data anywhere, so it needs a role that may create anywhere (an admin)
  { id: "import", path: "/import", shown: (role: UserRole) => can(role, "create", "outside") },
  { id: "imagery", path: "/imagery", shown: (role: UserRole) => canEver(role, "manage_imagery") },
] as const;

export type AppPage = (typeof PAGES)[number]["id"];

/** The top bar of every signed-in page: title, the pages the role may use, who is signed in, sign-out, language. */
export async function AppNav({
  user,
  locale,
  current,
}: {
  user: { displayName: string; role: UserRole; username: string };
  locale: "zh" | "en" | string;
  current: AppPage;
}) {
  const t = await getTranslations({ locale, namespace: "auth" });
  const app = await getTranslations({ locale, namespace: "app" });
  const imagery = await getTranslations({ locale, namespace: "imagery" });
  return (
    <header className="topbar">
      <h1>{app("title")}</h1>
      <nav className="app-nav" aria-label={t("nav.label")}>
        {PAGES.filter((p) => p.shown(user.role)).map((p) => (
          <a key={p.id} href={`/${locale}${p.path}`} aria-current={p.id === current ? "page" : undefined} data-testid={`nav-${p.id}`}>
            {p.id === "imagery" ? imagery("nav") : t(`nav.${p.id}`)}
          </a>
        ))}
      </nav>
      <div className="who">
        <span data-testid="signed-in-as" title={user.username}>
          {user.displayName} · {t(`role.${user.role}`)}
        </span>
        <form action={signOutAction}>
          <input type="hidden" name="locale" value={locale} />
          <button type="submit" className="link-button" data-testid="sign-out">
            {t("signOut")}
          </button>
        </form>
        <LanguageSwitcher locale={locale} />
      </div>
    </header>
  );
}
