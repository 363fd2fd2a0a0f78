"use client";

import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { GuideArea } from "@/db/guide-queries";
import { KNOWN_REFUSALS, type ChangeSmallAreaState, type ChangeStateResult } from "./workflow-types";
import styles from "./guide.module.css";

/** Where a return comment will be pinned, and why there. */
export type PinSource = "tapped" | "gps" | "centre" | "none";

interface Props {
  area: GuideArea;
  /** Confirm and Return apply (a role that confirms, an approved area); else only the outcome and a hint show */
  actionable: boolean;
  pin: [number, number] | null;
  pinSource: PinSource;
  /** the return form is open (taps on the map then place the pin) */
  returning: boolean;
  onReturning: (open: boolean) => void;
  /** forgets the tapped point, so the pin follows the GPS again */
  onUseGps: (() => void) | null;
  changeState: ChangeSmallAreaState;
}

type Outcome = { kind: "done"; action: "confirm" | "return" } | { kind: "refused"; reason: string; place: string; message: string } | null;

/** The guide's Confirm and Return (with a comment pinned on the map): big touch targets, refusals translated. */
export function AreaActions({ area, actionable, pin, pinSource, returning, onReturning, onUseGps, changeState }: Props) {
  const t = useTranslations("guide");
  const workflow = useTranslations("workflow");
  const status = useTranslations("status");
  const router = useRouter();
  const [comment, setComment] = useState("");
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [pending, startTransition] = useTransition();

  const send = (action: "confirm" | "return") =>
    startTransition(async () => {
      let result: ChangeStateResult;
      try {
        result = await changeState({
          smallAreaId: area.id,
          action,
          baseVersion: area.version,
          ...(action === "return" ? { comment: comment.trim(), ...(pin ? { at: pin } : {}) } : {}),
        });
      } catch {
        result = { ok: false, status: 500, reason: "network", place: "", message: "the server did not answer" };
      }
      if (result.ok) {
        setOutcome({ kind: "done", action });
        setComment("");
        onReturning(false);
      } else {
        setOutcome({ kind: "refused", reason: result.reason, place: result.place, message: result.message });
      }
      // the server's copy: the new state and version, or the current state after a refusal
      if (result.ok || result.reason === "stale_version" || result.reason === "not_allowed_from_state") router.refresh();
    });

  const refusalText = ({ reason, place, message }: { reason: string; place: string; message: string }) =>
    (KNOWN_REFUSALS as readonly string[]).includes(reason) ? workflow(`refusal.${reason}`, { place }) : t("refusal.other", { message });

  return (
    <div className={styles.actions}>
      {outcome?.kind === "done" && (
        <p className={styles.done} role="status" data-testid="guide-message">
          {t(`done.${outcome.action}`, { code: area.fullCode })}
        </p>
      )}
      {outcome?.kind === "refused" && (
        <p className={styles.refused} role="alert" data-testid="guide-refusal" data-reason={outcome.reason}>
          {refusalText(outcome)}
        </p>
      )}
      {!actionable ? (
        outcome?.kind === "done" ? null : (
        <p className={styles.hint} data-testid="guide-not-actionable">
          {t("notActionable", { state: status(area.status) })}
        </p>
        )
      ) : returning ? (
        <form
          className={styles.returnForm}
          onSubmit={(event) => {
            event.preventDefault();
            if (comment.trim()) send("return");
            else setOutcome({ kind: "refused", reason: "comment_required", place: "comment", message: "" });
          }}
        >
          <h3>{t("returnForm.title")}</h3>
          <label>
            {t("returnForm.comment")}
            <textarea
              value={comment}
              onChange={(event) => setComment(event.target.value)}
              placeholder={t("returnForm.placeholder")}
              rows={3}
              maxLength={1000}
              required
              data-testid="guide-comment"
            />
          </label>
          <p className={styles.pinHint} data-testid="guide-pin-source" data-source={pinSource}>
            {t(`pinAt.${pinSource}`)}
            {onUseGps && (
              <button type="button" className={styles.linkButton} onClick={onUseGps}>
                {t("returnForm.useGps")}
              </button>
            )}
          </p>
          <div className={styles.buttons}>
            <button type="button" className={styles.secondary} onClick={() => onReturning(false)} disabled={pending} data-testid="guide-return-cancel">
              {t("returnForm.cancel")}
            </button>
            <button type="submit" className={styles.danger} disabled={pending} data-testid="guide-return-send">
              {pending ? t("working") : t("returnForm.send")}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className={styles.hint}>{t("confirmHint")}</p>
          <div className={styles.buttons}>
            <button type="button" className={styles.danger} onClick={() => (setOutcome(null), onReturning(true))} disabled={pending} data-testid="guide-return">
              {t("return")}
            </button>
            <button type="button" className={styles.primary} onClick={() => send("confirm")} disabled={pending} data-testid="guide-confirm">
              {pending ? t("working") : t("confirm")}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
