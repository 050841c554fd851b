import Handlebars from "handlebars";
import type { InvoiceDocument } from "../invoice/invoiceDocument.js";
import { invoiceView } from "./invoiceView.js";

/**
 * The invoice as an HTML page, from the Handlebars template `prompts/invoice/invoice.html.hbs`
 * (passed in as a string: the shell reads the file). Every value is HTML-escaped by Handlebars.
 */
export function renderInvoiceHtml(doc: InvoiceDocument, template: string): string {
  const render = Handlebars.create().compile(template);
  return render(invoiceView(doc));
}
