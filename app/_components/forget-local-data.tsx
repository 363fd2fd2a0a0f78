"use client";

import { useEffect } from "react";

/**
 * Shown with the sign-in page: removes what the app kept in this browser for the last person (the editor's
 * undo history holds housing-unit values, which are confidential), so the next person starts clean.
 */
export function ForgetLocalData() {
  useEffect(() => {
    for (const key of Object.keys(window.localStorage)) if (key.startsWith("tessera.")) window.localStorage.removeItem(key);
  }, []);
  return null;
}
