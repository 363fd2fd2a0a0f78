"use server";

import { getDb } from "@/db/client";
import { currentUser, requestIp } from "@/app/_lib/session";
import { appendAudit } from "@/db/audit";
import { applyDistrict, previewDistrict, type RenumberResult } from "@/app/_lib/renumber-district";

export type { RenumberResult };

/**
 * Server action of the renumber dialog, first step: the small-area codes and building numbers of the district
 * that the numbering rule (north-west corner first, clockwise) would change, old → new. Bad input is a
 * refusal (422 naming the place, 404 for no such district), never a thrown 500.
 */
export async function previewDistrictRenumber(districtCode: unknown): Promise<RenumberResult> {
  if (!(await currentUser())) return { ok: false, status: 401, reason: "unauthenticated", place: "session", message: "sign in first" };
  return previewDistrict(getDb(), districtCode);
}

/**
 * Server action of the renumber dialog, second step: applies exactly the preview the user saw, in one
 * transaction logged as one `renumber` change. When the numbers moved on since the preview, refuses with 409
 * and the current preview (`current`) to show instead; 403 when the user may not edit the district.
 */
export async function applyDistrictRenumber(districtCode: unknown, expectedPreview: unknown): Promise<RenumberResult> {
  const user = await currentUser();
  const result = applyDistrict(getDb(), districtCode, expectedPreview, user);
  if (user) {
    appendAudit(getDb(), {
      actor: user,
      action: "renumber",
      outcome: result.ok ? "ok" : result.status === 403 ? "refused" : "failed",
      targetType: "district",
      targetId: typeof districtCode === "string" ? districtCode.slice(0, 12) : null,
      ip: await requestIp(),
    });
  }
  return result;
}
