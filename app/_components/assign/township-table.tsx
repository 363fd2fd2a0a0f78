"use client";

/** The assign page's township table: which office accounts are the office of which townships. */
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { assignTownshipsAction, removeTownshipsAction, unassignAction } from "@/app/_actions/assign";
import type { AssignableUser, TownshipToAssign } from "@/db/assignment-queries";
import { AssignBar, AssignedNames, SelectAll, useAssignRun, useSelection } from "./assign-controls";
import styles from "./assign.module.css";

export function TownshipTable({ townships, people }: { townships: TownshipToAssign[]; people: AssignableUser[] }) {
  const t = useTranslations("assign");
  const zh = useLocale() === "zh";
  const selection = useSelection(townships.map((x) => x.id));
  const [username, setUsername] = useState("");
  const { pending, message, run, refuse } = useAssignRun();
  const person = people.find((p) => p.username === username);

  const change = (remove: boolean) => {
    if (!person || !selection.selected.length) return refuse(t("needSelection"));
    const input = { userId: person.id, townshipIds: selection.selected };
    run(() => (remove ? removeTownshipsAction(input) : assignTownshipsAction(input)));
  };
  const removeOne = (assignmentId: number) => run(() => unassignAction({ assignmentIds: [assignmentId] }));

  return (
    <>
      <AssignBar
        people={people}
        username={username}
        onUsername={setUsername}
        count={selection.selected.length}
        onAssign={() => change(false)}
        onRemove={() => change(true)}
        pending={pending}
        message={message}
        testPrefix="assign-township"
      />
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="assign-townships">
          <thead>
            <tr>
              <th scope="col" className={styles.tick}>
                <SelectAll selection={selection} testId="assign-township-select-all" />
              </th>
              <th scope="col">{t("townships.code")}</th>
              <th scope="col">{t("townships.name")}</th>
              <th scope="col" className={styles.number}>{t("townships.districts")}</th>
              <th scope="col">{t("townships.offices")}</th>
            </tr>
          </thead>
          <tbody>
            {townships.map((x) => (
              <tr key={x.id} className={selection.has(x.id) ? styles.ticked : undefined}>
                <td className={styles.tick}>
                  <input type="checkbox" aria-label={t("select", { code: x.code })} checked={selection.has(x.id)} onChange={() => selection.toggle(x.id)} data-testid={`assign-township-${x.code}`} />
                </td>
                <td className={styles.code}>{x.code}</td>
                <td>{zh ? x.nameZh : x.nameEn}</td>
                <td className={styles.number}>{x.districts}</td>
                <td>
                  <AssignedNames people={x.offices} testId={`assign-offices-${x.code}`} onRemove={removeOne} disabled={pending} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
