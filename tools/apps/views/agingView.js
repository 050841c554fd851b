import { el, euros, mount } from "./viewKit.js";
const { App } = globalThis.McpApps;
const app = new App({ name: "facturation-balance-agee", version: "1.0.0" });
const BUCKETS = [["not_due", "non échu"], ["d1_30", "1 à 30 jours"], ["d31_60", "31 à 60 jours"], ["d61_90", "61 à 90 jours"], ["over_90", "plus de 90 jours"]];
app.ontoolresult = (result) => {
  const s = result.structuredContent;
  if (!s || result.isError) return mount(el("p", {}, "Balance âgée indisponible."));
  const nodes = [el("h1", {}, `Balance âgée au ${s.asOf.slice(8, 10)}/${s.asOf.slice(5, 7)}/${s.asOf.slice(0, 4)}`)];
  // The chart is the server's own SVG (the same renderer as the web dashboard), parsed as an image document.
  const svg = result._meta?.["facturation/agingChartSvg"];
  if (typeof svg === "string") {
    const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
    if (doc.documentElement.nodeName === "svg") nodes.push(el("figure", { "data-chart": "" }, document.importNode(doc.documentElement, true)));
  }
  const row = s.aging.overall;
  nodes.push(
    el(
      "table",
      {},
      el("tbody", {}, ...BUCKETS.map(([b, label]) => el("tr", {}, el("th", { scope: "row" }, label), el("td", { class: "num", "data-bucket": b }, euros(row.buckets[b].amount)), el("td", { class: "num" }, String(row.buckets[b].count))))),
      el("tfoot", {}, el("tr", {}, el("th", {}, "Total"), el("td", { class: "num", "data-bucket": "total" }, euros(row.total.amount)), el("td", { class: "num" }, String(row.total.count)))),
    ),
  );
  mount(...nodes);
};
await app.connect();
