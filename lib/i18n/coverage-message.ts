import type { CoverageIssue } from "@/lib/coverage/types";

/** The `coverage` namespace of a message file (`lib/i18n/messages/*.json`). */
export interface CoverageMessages {
  kind: Record<string, string>;
  value: Record<string, string>;
  [messageKey: string]: unknown;
}

/** Params whose values are codes of a rule or level, shown translated (`coverage.value.*`) when known. */
const TRANSLATED_PARAMS = new Set(["rule", "level"]);

/**
 * Used by the coverage panel and `tessera check`: an issue's message in one language — the text of
 * `coverage.<messageKey>` with its `{placeholders}` filled from the issue's params: numbers formatted for
 * the locale, rule and level codes translated, an empty value shown as "—", an unknown placeholder kept.
 * No ICU: coverage messages are plain placeholders, so the CLI and the browser print the same text.
 */
export function formatCoverageMessage(messages: CoverageMessages, issue: Pick<CoverageIssue, "messageKey" | "params">, locale: string): string {
  const text = messages[issue.messageKey];
  if (typeof text !== "string") return issue.messageKey;
  const numbers = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => {
    if (!(key in issue.params)) return whole;
    const value = issue.params[key];
    if (typeof value === "number") return numbers.format(value);
    if (value === "") return "—";
    return TRANSLATED_PARAMS.has(key) ? (messages.value[value] ?? value) : value;
  });
}
