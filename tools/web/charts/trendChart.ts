import { formatEuros } from "../../../engine/money/formatEuros.js";
import { toDecimal } from "../../../engine/money/money.js";
import type { ReceivablesTrendWire } from "../../payments/getReceivablesTrend.js";
import { geometryOf, PALETTE, renderSvgChart } from "./svgChart.js";

/** Collections per month (bars, euros) and the DSO at each month end (line, days), with the 30-day target. */
export function trendChartSvg(trend: ReceivablesTrendWire, size = { width: 720, height: 320 }): Promise<string> {
  const collected = trend.points.map((p) => formatEuros(toDecimal(p.collected)));
  return renderSvgChart(
    {
      legend: { top: 0, textStyle: { color: "#1d2430" } },
      grid: { left: 16, right: 88, top: 40, bottom: 32 },
      xAxis: { type: "category", data: trend.points.map((p) => p.label), axisLabel: { color: "#1d2430", fontSize: 11 } },
      yAxis: [
        { type: "value", name: "encaissé (€)", axisLabel: { color: "#1d2430", formatter: (v: number) => `${Math.round(v / 1000)} k` }, splitLine: { lineStyle: { color: PALETTE.grid } } },
        { type: "value", name: "DSO (jours)", axisLabel: { color: "#1d2430" }, splitLine: { show: false } },
      ],
      series: [
        { name: "Encaissements du mois", type: "bar", barMaxWidth: 28, itemStyle: { color: PALETTE.accent }, data: trend.points.map((p) => geometryOf(p.collected)) },
        {
          name: "DSO (jours)",
          type: "line",
          yAxisIndex: 1,
          symbolSize: 6,
          itemStyle: { color: PALETTE.alert },
          lineStyle: { width: 2 },
          data: trend.points.map((p) => (p.dsoDays === null ? null : geometryOf(p.dsoDays))),
          markLine: { silent: true, symbol: "none", label: { formatter: "objectif 30 j", color: PALETTE.ok }, lineStyle: { color: PALETTE.ok, type: "dashed" }, data: [{ yAxis: 30 }] },
        },
      ],
    },
    {
      ...size,
      title: `DSO et encaissements sur ${trend.points.length} mois : ${trend.points.map((p, i) => `${p.label} DSO ${p.dsoDays === null ? "non calculable" : `${p.dsoDays.replace(".", ",")} jours`}, encaissé ${collected[i]}`).join(" ; ")}`,
    },
  );
}
