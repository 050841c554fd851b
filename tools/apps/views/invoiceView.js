import { date, el, euros, mount } from "./viewKit.js";
const { App } = globalThis.McpApps;
const app = new App({ name: "facturation-apercu-facture", version: "1.0.0" });
app.ontoolresult = (result) => {
  const inv = result.structuredContent;
  if (!inv || result.isError) return mount(el("p", {}, "Facture indisponible."));
  const kind = inv.kind === "credit_note" ? "Avoir" : inv.kind === "deposit" ? "Facture d'acompte" : "Facture";
  const rows = inv.lines.map((l) => el("tr", {}, el("th", { scope: "row" }, l.label), el("td", { class: "num" }, l.quantity.replace(".", ",")), el("td", { class: "num" }, euros(l.net))));
  mount(
    el("h1", {}, `${kind} ${inv.number ?? `(brouillon n° ${inv.invoiceId})`} `, el("span", { class: "badge", "data-status": inv.status }, inv.statusLabel)),
    el("p", {}, `${inv.client.name} — émise le ${date(inv.issueDate)}, échéance ${date(inv.dueDate)}`),
    el(
      "table",
      {},
      el("thead", {}, el("tr", {}, el("th", {}, "Désignation"), el("th", { class: "num" }, "Qté"), el("th", { class: "num" }, "HT"))),
      el("tbody", {}, ...rows),
      el(
        "tfoot",
        {},
        el("tr", {}, el("th", { colspan: "2" }, "Total HT"), el("td", { class: "num" }, euros(inv.totals.net))),
        el("tr", {}, el("th", { colspan: "2" }, "TVA"), el("td", { class: "num" }, euros(inv.totals.vat))),
        el("tr", {}, el("th", { colspan: "2" }, "Total TTC"), el("td", { class: "num", "data-gross": "" }, euros(inv.totals.gross))),
      ),
    ),
    ...(inv.receivable ? [el("p", { "data-outstanding": "" }, `Reste dû au ${date(inv.receivable.asOf)} : ${euros(inv.receivable.outstanding)}${inv.receivable.daysOverdue > 0 ? ` (${inv.receivable.daysOverdue} jours de retard)` : ""}`)] : []),
  );
};
await app.connect();
