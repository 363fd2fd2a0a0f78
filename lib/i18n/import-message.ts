/**
 * Messages of the layer import outside React (issue #8): the import routes answer bad files and bad features in
 * the user's language, and `tessera import` prints the English (or `--lang zh`) text of the same keys. A file's
 * rule comes from the readers' part (`io.rules.<rule>`, ICU with `where` and the rule's params); a feature's from
 * `layerImport.rule.<rule>` (or the building import's `import.rule.<rule>`).
 */
import { createTranslator } from "next-intl";
import { MESSAGES } from "./messages";

/** The languages messages exist in. */
export type MessageLang = keyof typeof MESSAGES;

function translator(lang: MessageLang) {
  return createTranslator({ locale: lang, messages: MESSAGES[lang] as Record<string, unknown>, onError: () => {} });
}

type Translate = (key: string, params?: Record<string, string | number>) => string;

function lookUp(lang: MessageLang): { has: (key: string) => boolean; t: Translate } {
  const t = translator(lang);
  return { has: (key) => t.has(key as never), t: (key, params) => (t as unknown as Translate)(key, params) };
}

/**
 * Used by the import routes and the CLI for a file that cannot be read (`VectorInputError`): `io.rules.<rule>`
 * filled with `where` and the params; while a rule has no message yet, `<where>: <rule>`.
 */
export function fileRuleMessage(lang: MessageLang, rule: string, where: string, params: Record<string, string | number> = {}): string {
  const { has, t } = lookUp(lang);
  const key = `io.rules.${rule}`;
  return has(key) ? t(key, { where, ...params }) : `${where}: ${rule}`;
}

/** Used for the import's own refusals (a bad mapping, a missing upload): `layerImport.error.<key>` with params. */
export function importErrorMessage(lang: MessageLang, key: string, params: Record<string, string | number> = {}): string {
  const { has, t } = lookUp(lang);
  const full = `layerImport.error.${key}`;
  return has(full) ? t(full, params) : key;
}

/** Used for a feature's problem: `features[3] · code: …` in `lang` (the rule from `layerImport.rule`, else `import.rule`). */
export function featureProblemMessage(lang: MessageLang, p: { feature: number; field: string; rule: string; detail?: string }): string {
  const { has, t } = lookUp(lang);
  const rule = has(`layerImport.rule.${p.rule}`) ? t(`layerImport.rule.${p.rule}`) : has(`import.rule.${p.rule}`) ? t(`import.rule.${p.rule}`) : p.rule;
  const field = has(`layerImport.target.${p.field}`) ? t(`layerImport.target.${p.field}`) : p.field;
  return `features[${p.feature}] · ${field}: ${rule}${p.detail ? ` (${p.detail})` : ""}`;
}
