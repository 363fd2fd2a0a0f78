"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ruleText } from "./rule-text";
import type { ImageryChoice } from "./use-imagery";

const STEPS = [1, 10] as const;

/**
 * In the layers panel: the imagery sources as a radio list, and for the shown one its offset (metres east and
 * north) with iD-style nudge arrows of 1 m or 10 m and a reset — the arrows only for those who may change the
 * shared setting (`canNudge`); the others see the offset.
 */
export function ImagerySwitcher({ choice, canNudge }: { choice: ImageryChoice; canNudge: boolean }) {
  const t = useTranslations("imagery.panel");
  const rules = useTranslations("imagery.rules");
  const fields = useTranslations("imagery.fields");
  const [step, setStep] = useState<(typeof STEPS)[number]>(1);
  const { sources, current } = choice;
  if (!current) return null;
  const moves: Array<[string, string, [number, number]]> = [
    ["west", "←", [-step, 0]],
    ["north", "↑", [0, step]],
    ["south", "↓", [0, -step]],
    ["east", "→", [step, 0]],
  ];
  return (
    <div className="imagery-switcher" data-testid="imagery-switcher">
      {sources.length > 1 && (
        <fieldset>
          <legend>{t("source")}</legend>
          {sources.map((s) => (
            <label key={s.id} className="imagery-choice">
              <input type="radio" name="imagery-source" value={s.id} checked={s.id === current.id} onChange={() => choice.pick(s.id)} data-testid={`imagery-source-${s.id}`} />
              {s.name}
            </label>
          ))}
        </fieldset>
      )}
      <div className="imagery-offset">
        <span data-testid="imagery-offset">{t("offset", { east: current.offsetX, north: current.offsetY })}</span>
        {canNudge && (
          <>
            <div className="nudge" role="group" aria-label={t("nudge")}>
              {moves.map(([dir, arrow, by]) => (
                <button key={dir} type="button" disabled={choice.saving} onClick={() => choice.nudge(by)} aria-label={t(`move.${dir}`, { step })} title={t(`move.${dir}`, { step })} data-testid={`imagery-nudge-${dir}`}>
                  {arrow}
                </button>
              ))}
              <button type="button" disabled={choice.saving || (current.offsetX === 0 && current.offsetY === 0)} onClick={() => choice.nudge(null)} data-testid="imagery-nudge-reset">
                {t("reset")}
              </button>
            </div>
            <label className="nudge-step">
              {t("step")}
              <select value={step} onChange={(e) => setStep(Number(e.target.value) as (typeof STEPS)[number])} data-testid="imagery-nudge-step">
                {STEPS.map((s) => (
                  <option key={s} value={s}>
                    {t("metres", { value: s })}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
        {choice.refused && (
          <p role="alert" className="error">
            {ruleText({ reason: choice.refused.reason, place: choice.refused.place, params: { name: current.name, ...choice.refused.params } }, rules, fields)}
          </p>
        )}
      </div>
    </div>
  );
}
