import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import { InputError } from "../../errors.js";
import { Decimal, toAmountString, toFixedString } from "../../money/money.js";
import type { CdarParty, LifecycleMessage, LocalDateTime } from "./lifecycleMessage.js";
import { LIFECYCLE_STATUSES } from "./lifecycleStatus.js";

const NS = {
  "xmlns:qdt": "urn:un:unece:uncefact:data:standard:QualifiedDataType:100",
  "xmlns:udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
  "xmlns:ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
  "xmlns:rsm": "urn:un:unece:uncefact:data:standard:CrossDomainAcknowledgementAndResponse:100",
} as const;

/** MDT-2 and MDT-3 of a message about an invoice of the regulated B2B flow. */
export const CDAR_BUSINESS_PROCESS = "REGULATED";
export const CDAR_GUIDELINE = "urn.cpro.gouv.fr:1p0:CDV:invoice";

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** "2025-07-01T16:10:00" → "20250701161000" (format 204). */
export function format204(at: LocalDateTime): string {
  const m = LOCAL_DATE_TIME.exec(at);
  if (!m) throw new InputError(`date-heure « ${at} » attendue au format AAAA-MM-JJTHH:MM:SS`, { field: "dateTime" });
  return m.slice(1).join("");
}

function dateTime204(parent: XMLBuilder, name: string, at: LocalDateTime): void {
  parent.ele(name).ele("udt:DateTimeString", { format: "204" }).txt(format204(at));
}

function party(parent: XMLBuilder, name: string, p: CdarParty): void {
  const el = parent.ele(name);
  if (p.globalId) el.ele("ram:GlobalID", { schemeID: p.globalId.scheme }).txt(p.globalId.value);
  if (p.name) el.ele("ram:Name").txt(p.name);
  el.ele("ram:RoleCode").txt(p.role);
  if (p.electronicAddress) el.ele("ram:URIUniversalCommunication").ele("ram:URIID", { schemeID: p.electronicAddress.scheme }).txt(p.electronicAddress.value);
}

/**
 * The CDAR D22B XML (CrossDomainAcknowledgementAndResponse) of a lifecycle message, in the structure
 * of the official XP Z12-014 examples: context, exchanged document (sender, issuer, recipients), one
 * acknowledgement document referencing the invoice, its status, reasons and amounts per VAT rate.
 * Pure: same message, same bytes.
 */
export function buildCdarXml(message: LifecycleMessage): string {
  const info = LIFECYCLE_STATUSES[message.status];
  if (message.recipients.length === 0) throw new InputError("un message de cycle de vie a au moins un destinataire", { field: "recipients" });
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele("rsm:CrossDomainAcknowledgementAndResponse", { ...NS });

  const context = root.ele("rsm:ExchangedDocumentContext");
  context.ele("ram:BusinessProcessSpecifiedDocumentContextParameter").ele("ram:ID").txt(CDAR_BUSINESS_PROCESS);
  context.ele("ram:GuidelineSpecifiedDocumentContextParameter").ele("ram:ID").txt(CDAR_GUIDELINE);

  const header = root.ele("rsm:ExchangedDocument");
  header.ele("ram:ID").txt(message.documentId);
  if (message.name) header.ele("ram:Name").txt(message.name);
  dateTime204(header, "ram:IssueDateTime", message.createdAt);
  header.ele("ram:SenderTradeParty").ele("ram:RoleCode").txt(message.senderRole ?? "WK");
  party(header, "ram:IssuerTradeParty", message.issuer);
  for (const r of message.recipients) party(header, "ram:RecipientTradeParty", r);

  const ack = root.ele("rsm:AcknowledgementDocument");
  ack.ele("ram:MultipleReferencesIndicator").ele("udt:Indicator").txt("false");
  ack.ele("ram:TypeCode").txt(info.documentTypeCode);
  dateTime204(ack, "ram:IssueDateTime", message.statusAt);
  const ref = ack.ele("ram:ReferenceReferencedDocument");
  ref.ele("ram:IssuerAssignedID").txt(message.invoice.number);
  if (info.statusCode) ref.ele("ram:StatusCode").txt(info.statusCode);
  ref.ele("ram:TypeCode").txt(message.invoice.typeCode);
  if (message.invoice.receivedAt) dateTime204(ref, "ram:ReceiptDateTime", message.invoice.receivedAt);
  if (message.invoice.issueDate) ref.ele("ram:FormattedIssueDateTime").ele("qdt:DateTimeString", { format: "102" }).txt(message.invoice.issueDate.replaceAll("-", ""));
  ref.ele("ram:ProcessConditionCode").txt(message.status);
  ref.ele("ram:ProcessCondition").txt(info.condition);
  if (message.invoice.sellerSiren) ref.ele("ram:IssuerTradeParty").ele("ram:GlobalID", { schemeID: "0002" }).txt(message.invoice.sellerSiren);
  message.reasons.forEach((reason, i) => {
    const status = ref.ele("ram:SpecifiedDocumentStatus");
    if (reason.code) status.ele("ram:ReasonCode").txt(reason.code);
    if (reason.text) status.ele("ram:Reason").txt(reason.text);
    status.ele("ram:SequenceNumeric").txt(String(i + 1));
    if (reason.note) {
      const note = status.ele("ram:IncludedNote");
      note.ele("ram:Content").txt(reason.note);
      note.ele("ram:SubjectCode").txt("AHN");
    }
  });
  if (message.amounts.length > 0) {
    const status = ref.ele("ram:SpecifiedDocumentStatus");
    for (const a of message.amounts) {
      const characteristic = status.ele("ram:SpecifiedDocumentCharacteristic");
      characteristic.ele("ram:TypeCode").txt("MEN");
      characteristic.ele("ram:ValueChangedIndicator").ele("udt:IndicatorString").txt("false");
      characteristic.ele("ram:ValueAmount", { currencyID: "EUR" }).txt(toAmountString(a.amount));
      characteristic.ele("ram:ValuePercent").txt(toFixedString(new Decimal(a.rate), 2));
    }
  }
  return root.end({ prettyPrint: true });
}
