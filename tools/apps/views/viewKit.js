// Shared by the views: builds DOM from data with textContent only (no HTML from data), French formats.
export const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return node;
};
/** "1200.00" → "1 200,00 €" (the string's digits, never a float). */
export const euros = (s) => {
  if (typeof s !== "string" || !/^-?\d+(\.\d+)?$/.test(s)) return "—";
  const negative = s.startsWith("-");
  const [int, frac = ""] = (negative ? s.slice(1) : s).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f");
  return `${negative ? "-" : ""}${grouped},${(frac + "00").slice(0, 2)}\u00a0€`;
};
export const date = (d) => (typeof d === "string" && /^\d{4}-\d{2}-\d{2}$/.test(d) ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : "—");
export const mount = (...nodes) => document.getElementById("app").replaceChildren(...nodes);
