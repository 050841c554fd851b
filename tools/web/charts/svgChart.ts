import type { EChartsCoreOption } from "echarts/core";

type ECharts = typeof import("echarts/core");
let loading: Promise<ECharts> | undefined;

/**
 * ECharts is loaded on the first chart (a few seconds of module loading that `serve` need not wait
 * for at start-up); `preloadCharts` starts it early without waiting.
 */
export function preloadCharts(): Promise<ECharts> {
  loading ??= (async () => {
    const [echarts, charts, components, renderers] = await Promise.all([import("echarts/core"), import("echarts/charts"), import("echarts/components"), import("echarts/renderers")]);
    echarts.use([charts.BarChart, charts.LineChart, components.GridComponent, components.LegendComponent, components.MarkLineComponent, renderers.SVGRenderer]);
    return echarts;
  })();
  return loading;
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The workspace's palette (WCAG AA against white for text; bars also carry their value as text). */
export const PALETTE = { ok: "#1b6e3c", warn: "#8a5a00", alert: "#b3261e", accent: "#1f4e8c", muted: "#5f6b7a", grid: "#d6dbe3" } as const;

export interface SvgChartOptions {
  readonly width: number;
  readonly height: number;
  /** Read by screen readers (the page also shows the figures in a table). */
  readonly title: string;
}

/**
 * One chart as SVG markup, rendered on the server by Apache ECharts (server-side rendering, no DOM,
 * no script in the page): what the dashboard, its printable version and the MCP Apps views embed.
 * The SVG is labelled (role="img", <title>) for assistive technology.
 */
export async function renderSvgChart(option: EChartsCoreOption, options: SvgChartOptions): Promise<string> {
  const echarts = await preloadCharts();
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: options.width, height: options.height, locale: "EN" });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: "DejaVu Sans, Verdana, sans-serif", color: "#1d2430" }, ...option });
    const svg = chart.renderToSVGString();
    const title = escapeXml(options.title);
    return svg.replace(/^<svg /, `<svg role="img" aria-label="${title}" focusable="false" `).replace(/^(<svg[^>]*>)/, `$1<title>${title}</title>`);
  } finally {
    chart.dispose();
  }
}

/**
 * Bar heights only: the geometry of a chart needs numbers. Every figure a person reads (labels,
 * tables) is printed from the decimal string itself, never from this value.
 */
export const geometryOf = (decimal: string): number => Number.parseFloat(decimal);
