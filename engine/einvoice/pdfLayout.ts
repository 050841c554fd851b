import { type PDFDocument, type PDFFont, type PDFPage, rgb } from "pdf-lib";
import { qrMatrix } from "./epcQrCode.js";

/**
 * A small page-layout language, so the PDF's content comes from a Handlebars template
 * (`prompts/invoice/invoice.layout.hbs`) and this file only knows how to draw it.
 * One directive per line, arguments separated by "|":
 *   title T · heading T · field LABEL|VALUE · alert T · strong T · line T · note T · space N · rule
 *   columns / column LABEL / end-columns (two or more side-by-side boxes holding strong/line/note)
 *   table W:ALIGN:HEADER|… (widths in % of the text width) / row C|… / row-note T / end-table
 *   total LABEL|VALUE · grand-total LABEL|VALUE · footer T (printed at the bottom of every page)
 *   qr-code CAPTION|PAYLOAD (a QR code, its payload in base64 since a value holds no line break, the caption beside it)
 */
export type TextStyle = "strong" | "line" | "note";
export type LayoutBlock =
  | { readonly kind: "title" | "heading" | "alert" | "footer"; readonly text: string }
  | { readonly kind: TextStyle; readonly text: string }
  | { readonly kind: "field"; readonly label: string; readonly value: string }
  | { readonly kind: "space"; readonly points: number }
  | { readonly kind: "rule" }
  | { readonly kind: "columns"; readonly columns: readonly { readonly label: string; readonly blocks: readonly { kind: TextStyle; text: string }[] }[] }
  | {
      readonly kind: "table";
      readonly columns: readonly { readonly width: number; readonly align: "left" | "right"; readonly header: string }[];
      readonly rows: readonly { readonly cells: readonly string[]; readonly notes: readonly string[] }[];
    }
  | { readonly kind: "total" | "grand-total"; readonly label: string; readonly value: string }
  | { readonly kind: "qr-code"; readonly caption: string; readonly payload: string };

export class LayoutError extends Error {}

const TEXT_STYLES = new Set<string>(["strong", "line", "note"]);

/** Parses the text a layout template produced. Throws LayoutError on an unknown directive. */
export function parseLayout(source: string): LayoutBlock[] {
  const blocks: LayoutBlock[] = [];
  let columns: { label: string; blocks: { kind: TextStyle; text: string }[] }[] | undefined;
  let table: Extract<LayoutBlock, { kind: "table" }> | undefined;
  const lines = source.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  for (const [index, raw] of lines.entries()) {
    const space = raw.indexOf(" ");
    const directive = space < 0 ? raw : raw.slice(0, space);
    const rest = space < 0 ? "" : raw.slice(space + 1).trim();
    const args = rest.split("|").map((a) => a.trim());
    const fail = (why: string) => new LayoutError(`layout line ${index + 1} (« ${raw} ») : ${why}`);
    if (columns && directive !== "column" && directive !== "end-columns") {
      if (!TEXT_STYLES.has(directive)) throw fail("only strong, line and note inside columns");
      const current = columns.at(-1);
      if (!current) throw fail("column expected before content");
      current.blocks.push({ kind: directive as TextStyle, text: rest });
      continue;
    }
    if (table && !["row", "row-note", "end-table"].includes(directive)) throw fail("only row, row-note and end-table inside a table");
    switch (directive) {
      case "title":
      case "heading":
      case "alert":
      case "footer":
        blocks.push({ kind: directive, text: rest });
        break;
      case "strong":
      case "line":
      case "note":
        blocks.push({ kind: directive, text: rest });
        break;
      case "field":
        blocks.push({ kind: "field", label: args[0] ?? "", value: args.slice(1).join(" ") });
        break;
      case "space": {
        const points = Number.parseInt(rest || "6", 10);
        if (!Number.isFinite(points) || points < 0) throw fail("space takes a number of points");
        blocks.push({ kind: "space", points });
        break;
      }
      case "rule":
        blocks.push({ kind: "rule" });
        break;
      case "columns":
        columns = [];
        break;
      case "column":
        if (!columns) throw fail("column outside columns");
        columns.push({ label: rest, blocks: [] });
        break;
      case "end-columns":
        if (!columns) throw fail("end-columns without columns");
        blocks.push({ kind: "columns", columns });
        columns = undefined;
        break;
      case "table":
        table = {
          kind: "table",
          columns: args.map((spec) => {
            const [width, align, ...header] = spec.split(":");
            const w = Number.parseFloat(width ?? "");
            if (!Number.isFinite(w) || w <= 0 || (align !== "left" && align !== "right")) throw fail("table columns are WIDTH:left|right:HEADER");
            return { width: w, align, header: header.join(":") };
          }),
          rows: [],
        };
        break;
      case "row":
        if (!table) throw fail("row outside a table");
        (table.rows as { cells: string[]; notes: string[] }[]).push({ cells: args, notes: [] });
        break;
      case "row-note": {
        const last = table?.rows.at(-1) as { notes: string[] } | undefined;
        if (!last) throw fail("row-note before any row");
        last.notes.push(rest);
        break;
      }
      case "end-table":
        if (!table) throw fail("end-table without table");
        blocks.push(table);
        table = undefined;
        break;
      case "total":
      case "grand-total":
        blocks.push({ kind: directive, label: args[0] ?? "", value: args[1] ?? "" });
        break;
      case "qr-code": {
        const payload = Buffer.from(args[1] ?? "", "base64").toString("utf8");
        if (payload === "") throw fail("qr-code takes CAPTION|BASE64 PAYLOAD");
        blocks.push({ kind: "qr-code", caption: args[0] ?? "", payload });
        break;
      }
      default:
        throw fail(`unknown directive ${directive}`);
    }
  }
  if (columns || table) throw new LayoutError("layout: unclosed columns or table");
  return blocks;
}

export interface LayoutFonts {
  readonly regular: PDFFont;
  readonly bold: PDFFont;
}

const PAGE = { width: 595.28, height: 841.89, margin: 42, footer: 40 };
const INK = rgb(0.12, 0.16, 0.2);
const MUTED = rgb(0.36, 0.4, 0.45);
const PRIMARY = rgb(0.11, 0.21, 0.34);
const LIGHT = rgb(0.85, 0.87, 0.89);
const ALERT_BG = rgb(1, 0.96, 0.9);
const ALERT_BAR = rgb(0.85, 0.47, 0.02);

/** Splits text into lines no wider than `width`. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word;
    while (font.widthOfTextAtSize(current, size) > width && current.length > 1) {
      let cut = current.length - 1;
      while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > width) cut -= 1;
      lines.push(current.slice(0, cut));
      current = current.slice(cut);
    }
  }
  if (current) lines.push(current);
  return lines.length > 0 ? lines : [""];
}

class Cursor {
  page: PDFPage;
  y: number;
  readonly left = PAGE.margin;
  readonly width = PAGE.width - 2 * PAGE.margin;

  constructor(
    private readonly doc: PDFDocument,
    readonly fonts: LayoutFonts,
  ) {
    this.page = doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }

  /** Makes room for `height` points, starting a new page when needed; returns true if it did. */
  ensure(height: number): boolean {
    if (this.y - height >= PAGE.margin + PAGE.footer) return false;
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
    return true;
  }

  text(text: string, x: number, size: number, font: PDFFont, color = INK): void {
    this.page.drawText(text, { x, y: this.y - size, size, font, color });
  }

  paragraph(text: string, style: TextStyle, x = this.left, width = this.width): void {
    const font = style === "strong" ? this.fonts.bold : this.fonts.regular;
    const size = style === "note" ? 7.5 : 9;
    const color = style === "note" ? MUTED : INK;
    for (const l of wrapText(text, font, size, width)) {
      this.ensure(size * 1.4);
      this.text(l, x, size, font, color);
      this.y -= size * 1.4;
    }
  }
}

function drawTable(c: Cursor, block: Extract<LayoutBlock, { kind: "table" }>): void {
  const totalWidth = block.columns.reduce((s, col) => s + col.width, 0);
  const cols = block.columns.map((col, i) => {
    const x = c.left + (c.width * block.columns.slice(0, i).reduce((s, k) => s + k.width, 0)) / totalWidth;
    return { ...col, x, w: (c.width * col.width) / totalWidth };
  });
  const pad = 3;
  const size = 8.5;
  const header = () => {
    const h = size + 2 * pad + 2;
    c.page.drawRectangle({ x: c.left, y: c.y - h, width: c.width, height: h, color: PRIMARY });
    for (const col of cols) {
      const tw = c.fonts.bold.widthOfTextAtSize(col.header, size);
      const x = col.align === "right" ? col.x + col.w - pad - tw : col.x + pad;
      c.page.drawText(col.header, { x, y: c.y - pad - size, size, font: c.fonts.bold, color: rgb(1, 1, 1) });
    }
    c.y -= h;
  };
  c.ensure(40);
  header();
  for (const row of block.rows) {
    const cellLines = cols.map((col, i) => wrapText(row.cells[i] ?? "", c.fonts.regular, size, col.w - 2 * pad));
    const noteLines = row.notes.flatMap((n) => wrapText(n, c.fonts.regular, 7, (cols[0]?.w ?? c.width) - 2 * pad));
    const lineCount = Math.max(...cellLines.map((l) => l.length));
    const h = lineCount * size * 1.3 + noteLines.length * 7 * 1.3 + 2 * pad;
    if (c.ensure(h)) header();
    cols.forEach((col, i) => {
      (cellLines[i] ?? []).forEach((text, k) => {
        const tw = c.fonts.regular.widthOfTextAtSize(text, size);
        const x = col.align === "right" ? col.x + col.w - pad - tw : col.x + pad;
        c.page.drawText(text, { x, y: c.y - pad - size - k * size * 1.3, size, font: c.fonts.regular, color: INK });
      });
    });
    noteLines.forEach((text, k) => {
      c.page.drawText(text, { x: c.left + pad, y: c.y - pad - lineCount * size * 1.3 - 7 - k * 7 * 1.3, size: 7, font: c.fonts.regular, color: MUTED });
    });
    c.y -= h;
    c.page.drawLine({ start: { x: c.left, y: c.y }, end: { x: c.left + c.width, y: c.y }, thickness: 0.5, color: LIGHT });
  }
}

function drawColumns(c: Cursor, block: Extract<LayoutBlock, { kind: "columns" }>): void {
  const gap = 14;
  const n = block.columns.length;
  const w = (c.width - gap * (n - 1)) / n;
  const top = c.y;
  let bottom = top;
  const heights = block.columns.map((col) => 20 + col.blocks.reduce((s, b) => s + (b.kind === "note" ? 7.5 : 9) * 1.4 * 2, 0));
  c.ensure(Math.max(...heights));
  const startY = c.y;
  block.columns.forEach((col, i) => {
    const x = c.left + i * (w + gap);
    c.y = startY - 8;
    c.text(col.label.toUpperCase(), x + 8, 7, c.fonts.bold, MUTED);
    c.y -= 12;
    for (const b of col.blocks) c.paragraph(b.text, b.kind, x + 8, w - 16);
    bottom = Math.min(bottom, c.y - 6);
  });
  block.columns.forEach((_, i) => {
    const x = c.left + i * (w + gap);
    c.page.drawRectangle({ x, y: bottom, width: w, height: startY - bottom, borderColor: LIGHT, borderWidth: 0.8 });
  });
  c.y = bottom;
}

/** A QR code drawn as vector modules (black on the white page, a 4-module quiet zone), its caption on the right. */
function drawQrCode(c: Cursor, block: Extract<LayoutBlock, { kind: "qr-code" }>): void {
  const matrix = qrMatrix(block.payload);
  const side = 96;
  const module = side / (matrix.size + 8);
  c.ensure(side + 4);
  const top = c.y;
  const x0 = c.left + 4 * module;
  const y0 = top - 4 * module;
  for (let row = 0; row < matrix.size; row++) {
    for (let col = 0; col < matrix.size; col++) {
      if (matrix.dark(row, col)) c.page.drawRectangle({ x: x0 + col * module, y: y0 - (row + 1) * module, width: module, height: module, color: rgb(0, 0, 0) });
    }
  }
  c.y = top - side / 2 + 8;
  c.paragraph(block.caption, "note", c.left + side + 8, c.width - side - 8);
  c.y = top - side;
}

/** Draws the blocks on new A4 pages of `doc`, with the footers and "Page i / n" on every page. */
export function drawLayout(doc: PDFDocument, blocks: readonly LayoutBlock[], fonts: LayoutFonts): void {
  const c = new Cursor(doc, fonts);
  const footers: string[] = [];
  for (const b of blocks) {
    switch (b.kind) {
      case "title":
        c.ensure(30);
        c.text(b.text, c.left, 18, fonts.bold, PRIMARY);
        c.y -= 28;
        break;
      case "heading":
        c.ensure(24);
        c.y -= 4;
        c.text(b.text, c.left, 10.5, fonts.bold, PRIMARY);
        c.y -= 16;
        break;
      case "field": {
        c.ensure(14);
        const label = `${b.label} : `;
        c.text(label, c.left, 9, fonts.regular, MUTED);
        c.text(b.value, c.left + fonts.regular.widthOfTextAtSize(label, 9), 9, fonts.bold);
        c.y -= 13;
        break;
      }
      case "alert": {
        const lines = wrapText(b.text, fonts.bold, 9.5, c.width - 16);
        const h = lines.length * 13 + 8;
        c.ensure(h);
        c.page.drawRectangle({ x: c.left, y: c.y - h, width: c.width, height: h, color: ALERT_BG });
        c.page.drawRectangle({ x: c.left, y: c.y - h, width: 3, height: h, color: ALERT_BAR });
        c.y -= 4;
        for (const l of lines) {
          c.text(l, c.left + 10, 9.5, fonts.bold);
          c.y -= 13;
        }
        c.y -= 6;
        break;
      }
      case "strong":
      case "line":
      case "note":
        c.paragraph(b.text, b.kind);
        break;
      case "space":
        c.y -= b.points;
        break;
      case "rule":
        c.page.drawLine({ start: { x: c.left, y: c.y }, end: { x: c.left + c.width, y: c.y }, thickness: 0.5, color: LIGHT });
        c.y -= 4;
        break;
      case "columns":
        drawColumns(c, b);
        break;
      case "table":
        drawTable(c, b);
        break;
      case "total":
      case "grand-total": {
        const grand = b.kind === "grand-total";
        const size = grand ? 11 : 9;
        const font = grand ? fonts.bold : fonts.regular;
        const h = size * 1.7;
        c.ensure(h + 4);
        const x = c.left + c.width * 0.55;
        if (grand) {
          c.y -= 3;
          c.page.drawLine({ start: { x, y: c.y }, end: { x: c.left + c.width, y: c.y }, thickness: 1.2, color: PRIMARY });
          c.y -= 4;
        }
        c.text(b.label, x + 3, size, font, grand ? PRIMARY : INK);
        c.text(b.value, c.left + c.width - 3 - font.widthOfTextAtSize(b.value, size), size, font, grand ? PRIMARY : INK);
        c.y -= h;
        break;
      }
      case "footer":
        footers.push(b.text);
        break;
      case "qr-code":
        drawQrCode(c, b);
        break;
    }
  }
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    let y = PAGE.margin - 4;
    for (const f of [...footers, `Page ${i + 1} / ${pages.length}`]) {
      for (const l of wrapText(f, fonts.regular, 7, PAGE.width - 2 * PAGE.margin)) {
        const w = fonts.regular.widthOfTextAtSize(l, 7);
        page.drawText(l, { x: (PAGE.width - w) / 2, y, size: 7, font: fonts.regular, color: MUTED });
        y -= 9;
      }
    }
  });
}
