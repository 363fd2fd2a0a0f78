import { createNavigation } from "next-intl/navigation";
import { routing } from "./routing";

/** Locale-aware Link, router and pathname helpers for the UI (the language switcher uses them). */
export const { Link, redirect, usePathname, useRouter, getPathname } = createNavigation(routing);
