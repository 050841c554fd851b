import { date, el, euros, mount } from "./viewKit.js";
const { App } = globalThis.McpApps;
const app = new App({ name: "facturation-action-en-attente", version: "1.0.0" });
const STATUS = { pending: "en attente de votre confirmation", executed: "exécutée", declined: "refusée : rien n'a été fait", cancelled: "annulée : rien n'a été fait" };
app.ontoolresult = (result) => {
  const p = result.structuredContent;
  if (!p || result.isError) return mount(el("p", {}, "Action indisponible."));
  const lines = p.preview.lines.map((l) => el("tr", {}, el("th", { scope: "row" }, l.label), el("td", { class: "num" }, euros(l.net))));
  const nodes = [
    el("h1", {}, p.preview.title),
    el("p", {}, "Statut : ", el("span", { class: `badge ${p.status}`, "data-status": p.status }, STATUS[p.status] ?? p.status)),
    el("p", {}, `Client : ${p.preview.client}`),
    el("table", {}, el("tbody", {}, ...lines), ...(p.preview.totals ? [el("tfoot", {}, el("tr", {}, el("th", {}, "Total TTC"), el("td", { class: "num", "data-gross": "" }, euros(p.preview.totals.gross))))] : [])),
    ...(p.preview.dueDate ? [el("p", {}, `Échéance : ${date(p.preview.dueDate)}`)] : []),
    ...p.preview.facts.map((f) => el("p", { class: "sub" }, `${f.label} : ${f.value}`)),
  ];
  if (p.status === "pending") {
    // This view never confirms: the person confirms on the workspace's page (signed in) or at the terminal.
    if (p.confirmUrl) {
      const open = el("button", { type: "button", "data-open-confirmation": "" }, "Ouvrir la page de confirmation");
      open.addEventListener("click", () => void app.openLink({ url: p.confirmUrl }));
      nodes.push(el("p", {}, open));
    }
    if (p.confirmCommand) nodes.push(el("p", { class: "sub" }, "Ou dans un terminal : ", el("code", {}, p.confirmCommand)));
  }
  mount(...nodes);
};
await app.connect();
