import { formatDateShortFr } from "../../../engine/dates/plainDate.js";
import { formatEuros } from "../../../engine/money/formatEuros.js";
import { toDecimal } from "../../../engine/money/money.js";
import type { ReceivablesForecastWire } from "../../payments/getReceivablesForecast.js";
import { geometryOf, PALETTE, renderSvgChart } from "./svgChart.js";

/** Expected receipts per week (bars labelled with their amount). */
export function receiptsChartSvg(forecast: ReceivablesForecastWire, size = { width: 720, height: 280 }): Promise<string> {
  const labels = forecast.weeks.map((w) => formatEuros(toDecimal(w.amount)));
  return renderSvgChart(
    {
      grid: { left: 16, right: 16, top: 32, bottom: 32 },
      xAxis: { type: "category", data: forecast.weeks.map((w) => `sem. du ${formatDateShortFr(w.from).slice(0, 5)}`), axisLabel: { color: "#1d2430", fontSize: 11 } },
      yAxis: { type: "value", axisLabel: { show: false }, splitLine: { lineStyle: { color: PALETTE.grid } } },
      series: [
        {
          type: "bar",
          barMaxWidth: 48,
          itemStyle: { color: PALETTE.accent },
          data: forecast.weeks.map((w) => geometryOf(w.amount)),
          label: { show: true, position: "top", color: "#1d2430", fontSize: 11, formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? "" },
        },
      ],
    },
    { ...size, title: `Encaissements attendus par semaine : ${forecast.weeks.map((w, i) => `semaine du ${formatDateShortFr(w.from)} ${labels[i]}`).join(", ")}` },
  );
}
