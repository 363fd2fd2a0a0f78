"use client";

/**
 * The pieces the assign page's tables share: row selection with "select all", the person picker, the
 * Assign / Remove bar with its result message, and the names of the people assigned with a × to remove one.
 * After a change the page re-reads its tables from the server (`router.refresh()`).
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import type { AssignActionResult } from "@/app/_actions/assign";
import type { AssignableUser, AssignedPerson } from "@/db/assignment-queries";
import styles from "./assign.module.css";

/** Which rows are ticked (ids), kept to the rows shown. */
export function useSelection(ids: readonly number[]) {
  const [ticked, setTicked] = useState<ReadonlySet<number>>(new Set());
  const selected = ids.filter((id) => ticked.has(id));
  const all = ids.length > 0 && selected.length === ids.length;
  return {
    selected,
    all,
    some: selected.length > 0 && !all,
    has: (id: number) => ticked.has(id),
    toggle: (id: number) => setTicked((s) => (s.has(id) ? new Set([...s].filter((x) => x !== id)) : new Set([...s, id]))),
    toggleAll: () => setTicked(all ? new Set() : new Set(ids)),
  };
}

type Message = { kind: "done" | "error"; text: string } | null;

/** Runs an assign action, shows what it did or why it was refused, and re-reads the page. */
export function useAssignRun() {
  const t = useTranslations("assign");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<Message>(null);
  const run = (action: () => Promise<AssignActionResult>) =>
    startTransition(async () => {
      let result: AssignActionResult;
      try {
        result = await action();
      } catch {
        setMessage({ kind: "error", text: t("refusal.network") });
        return;
      }
      if (result.ok) {
        setMessage({ kind: "done", text: result.removed ? t("removed", { removed: result.removed }) : t("done", { added: result.added, unchanged: result.unchanged }) });
        router.refresh();
      } else {
        setMessage({ kind: "error", text: t(`refusal.${result.reason}`, { place: result.place }) });
      }
    });
  return { pending, message, run, refuse: (text: string) => setMessage({ kind: "error", text }) };
}

/** The "select all" box of a table (shows a dash when some rows are ticked). */
export function SelectAll({ selection, testId }: { selection: ReturnType<typeof useSelection>; testId: string }) {
  const t = useTranslations("assign");
  return (
    <input
      type="checkbox"
      aria-label={t("selectAll")}
      data-testid={testId}
      checked={selection.all}
      ref={(el) => {
        if (el) el.indeterminate = selection.some;
      }}
      onChange={selection.toggleAll}
    />
  );
}

/** The names of the people assigned to a record, each with a × that removes that assignment. */
export function AssignedNames({ people, testId, onRemove, disabled }: { people: AssignedPerson[]; testId: string; onRemove: (assignmentId: number) => void; disabled: boolean }) {
  const t = useTranslations("assign");
  if (!people.length) return <span className={styles.none} data-testid={testId}>{t("none")}</span>;
  return (
    <span className={styles.names} data-testid={testId}>
      {people.map((p) => (
        <span key={p.assignmentId} className={styles.name} title={p.username}>
          {p.displayName}
          <button type="button" aria-label={t("removeOne", { name: p.displayName })} data-testid={`unassign-${p.assignmentId}`} disabled={disabled} onClick={() => onRemove(p.assignmentId)}>
            ×
          </button>
        </span>
      ))}
    </span>
  );
}

/**
 * The person picker (its values are user names, grouped by role) with the Assign and Remove buttons and the
 * message of the last change. `testPrefix` names the elements: `<prefix>-user`, `<prefix>-submit`, `<prefix>-remove`.
 */
export function AssignBar(props: {
  people: AssignableUser[];
  username: string;
  onUsername: (username: string) => void;
  count: number;
  onAssign: () => void;
  onRemove: () => void;
  pending: boolean;
  message: Message;
  testPrefix: string;
}) {
  const t = useTranslations("assign");
  const roles = [...new Set(props.people.map((p) => p.role))];
  return (
    <div className={styles.bar}>
      <label>
        {t("person")}
        <select value={props.username} onChange={(e) => props.onUsername(e.target.value)} data-testid={`${props.testPrefix}-user`}>
          <option value="">{t("choosePerson")}</option>
          {roles.map((role) => (
            <optgroup key={role} label={t(`roles.${role}`)}>
              {props.people
                .filter((p) => p.role === role)
                .map((p) => (
                  <option key={p.id} value={p.username}>
                    {p.displayName === p.username ? p.username : `${p.displayName} (${p.username})`}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </label>
      <span className={styles.count}>{t("selected", { count: props.count })}</span>
      <button type="button" className={styles.primary} disabled={props.pending} onClick={props.onAssign} data-testid={`${props.testPrefix}-submit`}>
        {props.pending ? t("working") : t("assign")}
      </button>
      <button type="button" disabled={props.pending} onClick={props.onRemove} data-testid={`${props.testPrefix}-remove`}>
        {t("remove")}
      </button>
      {props.message && (
        <span role="status" className={props.message.kind === "done" ? styles.done : styles.error} data-testid={`${props.testPrefix}-message`}>
          {props.message.text}
        </span>
      )}
    </div>
  );
}
