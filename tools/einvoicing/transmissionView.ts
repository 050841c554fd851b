import { z } from "zod";
import { emittedMessages } from "../../db/einvoicing/collectionMessages.js";
import { receivedStatuses } from "../../db/einvoicing/lifecycleStatusLog.js";
import { transmissionHistory } from "../../db/einvoicing/transmissionQueue.js";
import type { Database } from "../../db/database.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { isLifecycleStatusCode, LIFECYCLE_STATUSES, lifecycleEffect } from "../../engine/einvoice/lifecycle/lifecycleStatus.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";

/**
 * How an invoice went out and what came back: its deposit on the Plateforme Agréée (or its e-mail),
 * the lifecycle statuses received, the 212 « Encaissée » emitted, and — after a rejection (213) or a
 * refusal (210) — what to do. One view for `get_invoice`, `list_transmissions` and the chat.
 */
export const TransmissionViewSchema = z.object({
  sent: z.object({ at: z.iso.datetime(), channel: z.string() }).nullable(),
  platform: z
    .object({
      trackingId: z.string(),
      state: z.enum(["waiting", "deposited", "failed", "refused"]).describe("waiting: pas encore tenté ; failed: nouvel essai prévu ; refused: la plateforme a refusé la requête"),
      flowId: z.string().nullable(),
      depositedAt: z.iso.datetime().nullable(),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      retryAt: z.iso.datetime().nullable(),
    })
    .nullable(),
  statuses: z.array(
    z.object({
      code: z.string(),
      label: z.string(),
      occurredAt: z.string(),
      reason: z.string().nullable(),
      effect: z.enum(["rejected", "refused", "disputed", "payment_sent", "informative"]),
    }),
  ),
  collections: z.array(z.object({ documentId: z.string(), collectedOn: IsoDateSchema, amounts: z.array(z.object({ rate: z.string(), amount: AmountStringSchema })), deposited: z.boolean() })),
  /** « déposée le 3 novembre 2026, refusée par le client le 5 novembre 2026 : motif … ». */
  summary: z.string(),
  /** What to do after a rejection or a refusal (French), else null. */
  correction: z.string().nullable(),
});
export type TransmissionView = z.infer<typeof TransmissionViewSchema>;

const dayOf = (local: string) => formatDateShortFr(local.slice(0, 10));

const STATUS_PHRASES: Partial<Record<string, string>> = {
  "200": "déposée",
  "202": "reçue par la plateforme du client",
  "203": "mise à disposition du client",
  "204": "prise en charge par le client",
  "205": "approuvée par le client",
  "207": "mise en litige par le client",
  "210": "refusée par le client",
  "211": "paiement transmis par le client",
  "213": "rejetée par la plateforme",
};

export async function transmissionViews(db: Database, invoices: readonly { id: number; sentAt: Date | null; sentChannel: string | null }[]): Promise<Map<number, TransmissionView>> {
  const ids = invoices.map((i) => i.id);
  const [history, statuses, messages] = await Promise.all([transmissionHistory(db, ids), receivedStatuses(db, ids), emittedMessages(db, ids)]);
  const views = new Map<number, TransmissionView>();
  for (const invoice of invoices) {
    const own = history.find((h) => h.transmission.invoiceId === invoice.id && h.transmission.lifecycleMessageId === null);
    const success = own?.attempts.find((a) => a.outcome === "deposited" || a.outcome === "already_deposited");
    const last = own?.attempts.at(-1);
    const platform = own
      ? {
          trackingId: own.transmission.trackingId,
          state: success ? ("deposited" as const) : last?.outcome === "refused" ? ("refused" as const) : last ? ("failed" as const) : ("waiting" as const),
          flowId: success?.flowId ?? null,
          depositedAt: success ? success.attemptedAt.toISOString() : null,
          attempts: own.attempts.length,
          lastError: success ? null : (last?.errorMessage ?? last?.errorCode ?? null),
          retryAt: success || !last?.retryAt ? null : last.retryAt.toISOString(),
        }
      : null;
    const mine = statuses
      .filter((s) => s.invoiceId === invoice.id)
      .flatMap((s) =>
        isLifecycleStatusCode(s.statusCode)
          ? [{ code: s.statusCode, label: LIFECYCLE_STATUSES[s.statusCode].label, occurredAt: s.occurredAt, reason: s.reason, effect: lifecycleEffect(s.statusCode) }]
          : [],
      );
    const collections = messages
      .filter((m) => m.invoiceId === invoice.id)
      .map((m) => {
        const t = history.find((h) => h.transmission.lifecycleMessageId === m.id);
        return {
          documentId: m.documentId,
          collectedOn: m.collectedOn,
          amounts: m.amounts.map((a) => ({ rate: a.rate, amount: a.amount })),
          deposited: t?.attempts.some((a) => a.outcome === "deposited" || a.outcome === "already_deposited") ?? false,
        };
      });
    const parts: string[] = [];
    if (platform?.state === "deposited" && platform.depositedAt && !mine.some((s) => s.code === "200")) parts.push(`déposée le ${formatDateShortFr(platform.depositedAt.slice(0, 10))}`);
    if (platform?.state === "waiting") parts.push("en attente de dépôt sur la plateforme");
    if (platform?.state === "failed") parts.push(`dépôt en échec (${platform.lastError ?? "erreur"}), nouvel essai prévu`);
    if (platform?.state === "refused") parts.push(`dépôt refusé par la plateforme : ${platform.lastError ?? "motif inconnu"}`);
    if (invoice.sentAt && invoice.sentChannel === "email") parts.push(`envoyée par e-mail le ${formatDateShortFr(invoice.sentAt.toISOString().slice(0, 10))}`);
    for (const s of mine) parts.push(`${STATUS_PHRASES[s.code] ?? s.label.toLowerCase()} le ${dayOf(s.occurredAt)}${s.reason ? ` : motif ${s.reason}` : ""}`);
    for (const c of collections) parts.push(`encaissement du ${formatDateShortFr(c.collectedOn)} déclaré (212)${c.deposited ? "" : ", pas encore déposé"}`);
    const rejected = mine.some((s) => s.effect === "rejected");
    const refused = mine.some((s) => s.effect === "refused");
    views.set(invoice.id, {
      sent: invoice.sentAt ? { at: invoice.sentAt.toISOString(), channel: invoice.sentChannel ?? "" } : null,
      platform,
      statuses: mine,
      collections,
      summary: parts.length > 0 ? parts.join(", ") : "pas encore transmise",
      correction: rejected
        ? "La plateforme a rejeté le fichier : corrigez la cause (motif ci-dessus), annulez la facture par un avoir total puis émettez une facture corrigée, qui sera déposée à son tour."
        : refused
          ? "Le client a refusé la facture : les relances sont suspendues ; un avoir total est proposé (à confirmer), puis émettez une facture corrigée si besoin."
          : null,
    });
  }
  return views;
}
