"use client";

/**
 * The dashboard's daily progress chart (chart.js): running totals per day of small areas drawn, submissions,
 * approvals and guide confirmations (left axis) and buildings marked (right axis). The chart is made in an
 * effect and destroyed when the component goes or its data changes.
 */
import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from "chart.js";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { DailyPoint } from "@/lib/domain/progress";
import { STATE_COLOURS } from "@/lib/domain/workflow";
import styles from "./dashboard.module.css";

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

export function DailyChart({ series }: { series: DailyPoint[] }) {
  const t = useTranslations("dashboard.chart");
  const canvas = useRef<HTMLCanvasElement>(null);
  const names = [t("drawn"), t("submitted"), t("approved"), t("confirmed"), t("buildings"), t("day"), t("areas"), t("buildingsAxis")] as const;
  const [drawn, submitted, approved, confirmed, buildings, day, areas, buildingsAxis] = names;

  useEffect(() => {
    if (!canvas.current) return;
    const line = (label: string, colour: string, data: number[], yAxisID = "y", dashed = false) => ({
      label, data, yAxisID, borderColor: colour, backgroundColor: colour, borderWidth: 2, pointRadius: series.length > 60 ? 0 : 3, tension: 0.2, ...(dashed ? { borderDash: [5, 4] } : {}),
    });
    const chart = new Chart(canvas.current, {
      type: "line",
      data: {
        labels: series.map((p) => p.day),
        datasets: [
          line(drawn, "#5f6b7a", series.map((p) => p.cumulative.drawn)),
          line(submitted, STATE_COLOURS.submitted, series.map((p) => p.cumulative.submitted)),
          line(approved, STATE_COLOURS.approved, series.map((p) => p.cumulative.approved)),
          line(confirmed, STATE_COLOURS.confirmed, series.map((p) => p.cumulative.confirmed)),
          line(buildings, "#a1887f", series.map((p) => p.cumulative.buildings), "y1", true),
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { title: { display: true, text: day } },
          y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: areas } },
          y1: { position: "right", beginAtZero: true, ticks: { precision: 0 }, grid: { drawOnChartArea: false }, title: { display: true, text: buildingsAxis } },
        },
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } },
      },
    });
    return () => chart.destroy();
  }, [series, drawn, submitted, approved, confirmed, buildings, day, areas, buildingsAxis]);

  return (
    <div className={styles.chart}>
      <canvas ref={canvas} role="img" aria-label={t("title")} data-testid="dashboard-chart" data-days={series.length} />
    </div>
  );
}
