"use client";

/** The assign page's district table: tick districts, choose a mapper or a guide, Assign or Remove. */
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { assignDistrictsAction, removeDistrictsAction, unassignAction } from "@/app/_actions/assign";
import type { AssignableUser, DistrictToAssign } from "@/db/assignment-queries";
import { AssignBar, AssignedNames, SelectAll, useAssignRun, useSelection } from "./assign-controls";
import styles from "./assign.module.css";

export function DistrictTable({ districts, people }: { districts: DistrictToAssign[]; people: AssignableUser[] }) {
  const t = useTranslations("assign");
  const zh = useLocale() === "zh";
  const selection = useSelection(districts.map((d) => d.id));
  const [username, setUsername] = useState("");
  const { pending, message, run, refuse } = useAssignRun();
  const person = people.find((p) => p.username === username);

  const change = (remove: boolean) => {
    if (!person || !selection.selected.length) return refuse(t("needSelection"));
    const districtIds = selection.selected;
    if (remove) run(() => removeDistrictsAction({ userId: person.id, districtIds }));
    else run(() => assignDistrictsAction({ userId: person.id, districtIds, role: person.role }));
  };
  const removeOne = (assignmentId: number) => run(() => unassignAction({ assignmentIds: [assignmentId] }));

  if (!districts.length) return <p className={styles.muted}>{t("districts.empty")}</p>;
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
        testPrefix="assign"
      />
      <div className={styles.tableWrap}>
        <table className={styles.table} data-testid="assign-districts">
          <thead>
            <tr>
              <th scope="col" className={styles.tick}>
                <SelectAll selection={selection} testId="assign-select-all" />
              </th>
              <th scope="col">{t("districts.code")}</th>
              <th scope="col">{t("districts.name")}</th>
              <th scope="col">{t("districts.township")}</th>
              <th scope="col">{t("districts.mappers")}</th>
              <th scope="col">{t("districts.guides")}</th>
              <th scope="col" className={styles.number}>{t("districts.smallAreas")}</th>
            </tr>
          </thead>
          <tbody>
            {districts.map((d) => (
              <tr key={d.id} data-testid={`assign-row-${d.code}`} className={selection.has(d.id) ? styles.ticked : undefined}>
                <td className={styles.tick}>
                  <input type="checkbox" aria-label={t("select", { code: d.code })} checked={selection.has(d.id)} onChange={() => selection.toggle(d.id)} data-testid={`assign-district-${d.code}`} />
                </td>
                <td className={styles.code}>{d.code}</td>
                <td>{zh ? d.nameZh : d.nameEn}</td>
                <td>{zh ? d.townshipNameZh : d.townshipNameEn}</td>
                <td>
                  <AssignedNames people={d.mappers} testId={`assign-mappers-${d.code}`} onRemove={removeOne} disabled={pending} />
                </td>
                <td>
                  <AssignedNames people={d.guides} testId={`assign-guides-${d.code}`} onRemove={removeOne} disabled={pending} />
                </td>
                <td className={styles.number}>{d.smallAreas}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
