"use client";

/** The assign page's small-area table: choose a district, tick its small areas, choose an enumerator. */
import { usePathname, useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { assignSmallAreasAction, removeSmallAreasAction, unassignAction } from "@/app/_actions/assign";
import type { AssignableUser, DistrictToAssign, SmallAreaToAssign } from "@/db/assignment-queries";
import { AssignBar, AssignedNames, SelectAll, useAssignRun, useSelection } from "./assign-controls";
import styles from "./assign.module.css";

export function AreaTable(props: {
  districts: Array<Pick<DistrictToAssign, "code" | "nameZh" | "nameEn" | "smallAreas">>;
  districtCode: string | null;
  areas: SmallAreaToAssign[];
  people: AssignableUser[];
}) {
  const t = useTranslations("assign");
  const status = useTranslations("status");
  const zh = useLocale() === "zh";
  const router = useRouter();
  const pathname = usePathname();
  const selection = useSelection(props.areas.map((a) => a.id));
  const [username, setUsername] = useState("");
  const { pending, message, run, refuse } = useAssignRun();
  const person = props.people.find((p) => p.username === username);

  const change = (remove: boolean) => {
    if (!person || !selection.selected.length) return refuse(t("needSelection"));
    const input = { userId: person.id, smallAreaIds: selection.selected };
    run(() => (remove ? removeSmallAreasAction(input) : assignSmallAreasAction(input)));
  };
  const removeOne = (assignmentId: number) => run(() => unassignAction({ assignmentIds: [assignmentId] }));

  return (
    <>
      <label className={styles.districtPicker}>
        {t("areas.district")}
        <select
          value={props.districtCode ?? ""}
          onChange={(e) => router.replace(`${pathname}?district=${encodeURIComponent(e.target.value)}`, { scroll: false })}
          data-testid="assign-area-district"
        >
          <option value="">{t("areas.chooseDistrict")}</option>
          {props.districts.map((d) => (
            <option key={d.code} value={d.code}>
              {d.code} {zh ? d.nameZh : d.nameEn} ({d.smallAreas})
            </option>
          ))}
        </select>
      </label>
      {props.districtCode !== null && !props.areas.length && <p className={styles.muted}>{t("areas.empty")}</p>}
      {props.areas.length > 0 && (
        <>
          <AssignBar
            people={props.people}
            username={username}
            onUsername={setUsername}
            count={selection.selected.length}
            onAssign={() => change(false)}
            onRemove={() => change(true)}
            pending={pending}
            message={message}
            testPrefix="assign-area"
          />
          <div className={styles.tableWrap}>
            <table className={styles.table} data-testid="assign-areas">
              <thead>
                <tr>
                  <th scope="col" className={styles.tick}>
                    <SelectAll selection={selection} testId="assign-area-select-all" />
                  </th>
                  <th scope="col">{t("areas.code")}</th>
                  <th scope="col">{t("areas.name")}</th>
                  <th scope="col">{t("areas.status")}</th>
                  <th scope="col">{t("areas.enumerators")}</th>
                </tr>
              </thead>
              <tbody>
                {props.areas.map((a) => (
                  <tr key={a.id} data-testid={`assign-area-row-${a.fullCode}`} className={selection.has(a.id) ? styles.ticked : undefined}>
                    <td className={styles.tick}>
                      <input type="checkbox" aria-label={t("select", { code: a.fullCode })} checked={selection.has(a.id)} onChange={() => selection.toggle(a.id)} data-testid={`assign-area-${a.fullCode}`} />
                    </td>
                    <td className={styles.code}>
                      {a.fullCode}
                      {a.isVirtual && <span className={styles.tag}>{t("areas.virtual")}</span>}
                    </td>
                    <td>{a.name ?? ""}</td>
                    <td>{status(a.status)}</td>
                    <td>
                      <AssignedNames people={a.enumerators} testId={`assign-enumerators-${a.fullCode}`} onRemove={removeOne} disabled={pending} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
