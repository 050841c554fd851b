import type { IsoDate } from "../../dates/plainDate.js";
import type { LegalParty } from "../../invoice/invoiceDocument.js";
import { electronicAddress } from "../facturxXml.js";
import type { CollectedAtRate } from "./collectionsByRate.js";
import type { CdarParty, LifecycleMessage, LocalDateTime } from "./lifecycleMessage.js";

/** The tax administration's data concentrator (PPF), a recipient of every 212 (as in the official examples). */
export const TAX_ADMINISTRATION: CdarParty = { globalId: { scheme: "0238", value: "9998" }, name: "PPF", role: "DFH" };

export interface CollectionStatusInput {
  readonly invoice: {
    readonly number: string;
    /** BT-3 (380, 386). */
    readonly typeCode: string;
    readonly issueDate: IsoDate;
    /** When the platform received it (« Déposée »), or when it was issued if it was never deposited. */
    readonly receivedAt: LocalDateTime;
  };
  readonly seller: Pick<LegalParty, "legalName" | "siren">;
  readonly buyer: LegalParty;
  /** The day the money was collected (or the client credit imputed). */
  readonly collectedOn: IsoDate;
  /** Amounts collected per rate (from `collectionsByRate`). */
  readonly amounts: readonly CollectedAtRate[];
  /** 1 for the first collection on the invoice, 2 for the second… */
  readonly sequence: number;
  /** When the message is created. */
  readonly createdAt: LocalDateTime;
}

const compact = (at: LocalDateTime): string => at.replace(/[-:T]/g, "");

/**
 * The 212 « Encaissée » the seller sends for a collection on a services invoice (VAT due on
 * collection): issued by the seller (SE), for the buyer (BY, at its electronic address) and the tax
 * administration (DFH), dated the day of collection, with the amount collected (TTC) per VAT rate.
 * Its id follows the examples' pattern `<number>_212_<receipt>#<type>_<issue date>`, with `-<n>` from the
 * second collection on.
 */
export function collectionStatusMessage(input: CollectionStatusInput): LifecycleMessage {
  const suffix = input.sequence > 1 ? `-${input.sequence}` : "";
  const buyerAddress = electronicAddress(input.buyer);
  return {
    documentId: `${input.invoice.number}_212_${compact(input.invoice.receivedAt)}${suffix}#${input.invoice.typeCode}_${input.invoice.issueDate.replaceAll("-", "")}`,
    name: `${input.invoice.number}-CDV-212_Encaissee${suffix}`,
    createdAt: input.createdAt,
    issuer: { ...(input.seller.siren ? { globalId: { scheme: "0002", value: input.seller.siren } } : {}), name: input.seller.legalName, role: "SE" },
    recipients: [
      {
        ...(input.buyer.siren ? { globalId: { scheme: "0002", value: input.buyer.siren } } : {}),
        name: input.buyer.legalName,
        role: "BY",
        ...(buyerAddress ? { electronicAddress: buyerAddress } : {}),
      },
      TAX_ADMINISTRATION,
    ],
    statusAt: `${input.collectedOn}T00:00:00`,
    invoice: {
      number: input.invoice.number,
      typeCode: input.invoice.typeCode,
      issueDate: input.invoice.issueDate,
      receivedAt: input.invoice.receivedAt,
      sellerSiren: input.seller.siren,
    },
    status: "212",
    reasons: [],
    amounts: input.amounts.map((a) => ({ rate: a.rate, amount: a.amount })),
  };
}
