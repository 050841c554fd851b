import { create } from "xmlbuilder2";
import type { IsoDate } from "../../dates/plainDate.js";
import { InputError } from "../../errors.js";
import { isDecimalString, toDecimal } from "../../money/money.js";
import type { CdarAmount, CdarParty, CdarReason, LifecycleMessage, LocalDateTime } from "./lifecycleMessage.js";
import { isLifecycleStatusCode } from "./lifecycleStatus.js";

const RSM = "urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100";

/** The part of the DOM (xmlbuilder2's) the reader walks. */
interface XmlElement {
  readonly nodeType: number;
  readonly localName: string | null;
  readonly namespaceURI: string | null;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<XmlElement>;
  getAttribute(name: string): string | null;
}

/** The element children of `el` called `name` (any namespace prefix). */
function childElements(el: XmlElement | undefined, name: string): XmlElement[] {
  if (!el) return [];
  return Array.from(el.childNodes).filter((n) => n.nodeType === 1 && n.localName === name);
}

function firstPath(el: XmlElement | undefined, path: readonly string[]): XmlElement | undefined {
  let current = el;
  for (const name of path) current = childElements(current, name)[0];
  return current;
}

function textAt(el: XmlElement | undefined, ...path: string[]): string | undefined {
  const found = firstPath(el, path);
  const value = found?.textContent?.trim();
  return value === undefined || value === "" ? undefined : value;
}

/** "20250701161000" (format 204) → "2025-07-01T16:10:00"; "20250701" (102) → "2025-07-01T00:00:00". */
function localDateTime(text: string | undefined, field: string): LocalDateTime {
  const m = text ? /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?$/.exec(text) : null;
  if (!m) throw new InputError(`date-heure « ${text ?? ""} » illisible`, { field, code: "invalid_cdar" });
  return `${m[1]}-${m[2]}-${m[3]}T${m[4] ?? "00"}:${m[5] ?? "00"}:${m[6] ?? "00"}`;
}

function party(el: XmlElement): CdarParty {
  const global = childElements(el, "GlobalID")[0];
  const uri = firstPath(el, ["URIUniversalCommunication", "URIID"]);
  const scheme = global?.getAttribute("schemeID");
  const uriScheme = uri?.getAttribute("schemeID");
  return {
    ...(global?.textContent && scheme ? { globalId: { scheme, value: global.textContent.trim() } } : {}),
    ...(textAt(el, "Name") ? { name: textAt(el, "Name") } : {}),
    role: textAt(el, "RoleCode") ?? "",
    ...(uri?.textContent && uriScheme ? { electronicAddress: { scheme: uriScheme, value: uri.textContent.trim() } } : {}),
  };
}

/**
 * Reads a CDAR D22B lifecycle message about one invoice (the first acknowledgement document and its
 * first referenced invoice): status code, who states it, when, the reasons and the amounts per VAT
 * rate. A document that is not a CDAR, or whose status is not a known lifecycle code, is an
 * InputError naming the field.
 */
export function readCdarXml(xml: string): LifecycleMessage {
  let root: XmlElement;
  try {
    root = create(xml.replace(/^\uFEFF/, "")).root().node as unknown as XmlElement;
  } catch (error) {
    throw new InputError(`XML illisible (${error instanceof Error ? error.message : String(error)})`, { field: "cdar", code: "invalid_cdar" });
  }
  if (root.localName !== "CrossDomainAcknowledgementAndResponse" || root.namespaceURI !== RSM) {
    throw new InputError("ce n'est pas un message CDAR (CrossDomainAcknowledgementAndResponse)", { field: "cdar", code: "invalid_cdar" });
  }
  const header = childElements(root, "ExchangedDocument")[0];
  const ack = childElements(root, "AcknowledgementDocument")[0];
  const ref = childElements(ack, "ReferenceReferencedDocument")[0];
  const code = textAt(ref, "ProcessConditionCode");
  if (!code || !isLifecycleStatusCode(code)) throw new InputError(`statut « ${code ?? ""} » inconnu`, { field: "ProcessConditionCode", code: "invalid_cdar" });
  const number = textAt(ref, "IssuerAssignedID");
  if (!number) throw new InputError("numéro de facture absent", { field: "IssuerAssignedID", code: "invalid_cdar" });
  const issuer = childElements(header, "IssuerTradeParty")[0];
  const statuses = childElements(ref, "SpecifiedDocumentStatus");
  const reasons: CdarReason[] = statuses
    .filter((s) => textAt(s, "ReasonCode") || textAt(s, "Reason") || textAt(s, "IncludedNote", "Content"))
    .map((s) => ({ code: textAt(s, "ReasonCode"), text: textAt(s, "Reason"), note: textAt(s, "IncludedNote", "Content") }));
  const amounts: CdarAmount[] = statuses.flatMap((s) =>
    childElements(s, "SpecifiedDocumentCharacteristic").flatMap((c) => {
      const value = textAt(c, "ValueAmount");
      const rate = textAt(c, "ValuePercent");
      return textAt(c, "TypeCode") === "MEN" && value && isDecimalString(value) && rate && isDecimalString(rate)
        ? [{ rate: toDecimal(rate).toString(), amount: toDecimal(value) }]
        : [];
    }),
  );
  const issueDate = textAt(ref, "FormattedIssueDateTime", "DateTimeString");
  const receivedAt = textAt(ref, "ReceiptDateTime", "DateTimeString");
  return {
    documentId: textAt(header, "ID") ?? "",
    name: textAt(header, "Name"),
    createdAt: localDateTime(textAt(header, "IssueDateTime", "DateTimeString"), "ExchangedDocument.IssueDateTime"),
    senderRole: textAt(header, "SenderTradeParty", "RoleCode"),
    issuer: issuer ? party(issuer) : { role: "" },
    recipients: childElements(header, "RecipientTradeParty").map(party),
    statusAt: localDateTime(textAt(ack, "IssueDateTime", "DateTimeString"), "AcknowledgementDocument.IssueDateTime"),
    invoice: {
      number,
      typeCode: textAt(ref, "TypeCode") ?? "",
      issueDate: issueDate ? (localDateTime(issueDate, "FormattedIssueDateTime").slice(0, 10) as IsoDate) : undefined,
      receivedAt: receivedAt ? localDateTime(receivedAt, "ReceiptDateTime") : undefined,
      sellerSiren: textAt(ref, "IssuerTradeParty", "GlobalID"),
    },
    status: code,
    reasons,
    amounts,
  };
}
