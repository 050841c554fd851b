import { formatEuros } from "../../../engine/money/formatEuros.js";
import { AGING_BUCKETS, AGING_BUCKET_LABELS } from "../../../engine/receivables/agingReport.js";
import { toDecimal } from "../../../engine/money/money.js";
import { geometryOf, PALETTE, renderSvgChart } from "./svgChart.js";

type Cell = { readonly amount: string; readonly count: number };
const COLORS = [PALETTE.ok, PALETTE.accent, PALETTE.warn, PALETTE.alert, PALETTE.alert];

/** The aging buckets (balance âgée) as bars, each labelled with its amount. */
export function agingChartSvg(buckets: Readonly<Record<(typeof AGING_BUCKETS)[number], Cell>>, size = { width: 640, height: 300 }): Promise<string> {
  const cells = AGING_BUCKETS.map((b) => buckets[b]);
  const labels = cells.map((c) => formatEuros(toDecimal(c.amount)));
  return renderSvgChart(
    {
      grid: { left: 16, right: 16, top: 32, bottom: 40 },
      xAxis: { type: "category", data: AGING_BUCKETS.map((b) => AGING_BUCKET_LABELS[b]), axisLabel: { color: "#1d2430", fontSize: 12 } },
      yAxis: { type: "value", axisLabel: { show: false }, splitLine: { lineStyle: { color: PALETTE.grid } } },
      series: [
        {
          type: "bar",
          barMaxWidth: 56,
          data: cells.map((c, i) => ({ value: geometryOf(c.amount), itemStyle: { color: COLORS[i] } })),
          label: { show: true, position: "top", color: "#1d2430", fontSize: 12, formatter: (p: { dataIndex: number }) => labels[p.dataIndex] ?? "" },
        },
      ],
    },
    { ...size, title: `Balance âgée : ${AGING_BUCKETS.map((b, i) => `${AGING_BUCKET_LABELS[b]} ${labels[i]}`).join(", ")}` },
  );
}
