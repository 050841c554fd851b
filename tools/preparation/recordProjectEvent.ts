import { z } from "zod";
import { pastOrToday } from "./pastOrToday.js";
import { recordEvent } from "../../db/repositories/events.js";
import { getProject } from "../../db/repositories/projects.js";
import { formatDateShortFr } from "../../engine/dates/plainDate.js";
import { InputError } from "../../engine/errors.js";
import { toDecimal, toPlainString } from "../../engine/money/money.js";
import { ScheduleItemSchema } from "../../engine/scenario/scheduleItem.js";
import { NonNegativeStringSchema } from "../../engine/scenario/scenarioValues.js";
import { describeScheduleItem } from "../../engine/schedule/describeScheduleItem.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineTool } from "../toolDefinition.js";
import { chooseContract } from "./contractChoice.js";
import { dueNow, DueNowSchema, dueNowText } from "./dueNow.js";
import { canonicalName } from "./nameMatch.js";

const TYPE_FR = { signature: "signature", start: "démarrage", action: "action", state: "état", event: "événement" } as const;

const InputSchema = z.object({
  projectId: z.number({ error: "doit être l'identifiant numérique du projet (voir find_project)" }).int().positive(),
  contractId: z.number().int().positive().optional().describe("contrat du projet (obligatoire seulement si plusieurs contrats conviennent)"),
  type: z
    .enum(["signature", "start", "action", "state", "event"], { error: "doit valoir signature, start, action, state ou event" })
    .describe("signature du contrat, démarrage réel, action réalisée (jalon), état atteint (ex. « livré »), événement nommé (ex. « abandon »)"),
  name: z.string({ error: "doit être un texte" }).trim().min(1, "ne doit pas être vide").max(200).optional().describe("nom de l'action, de l'état ou de l'événement (obligatoire pour ces types)"),
  date: IsoDateSchema.optional().describe("date AAAA-MM-JJ (défaut : aujourd'hui)"),
  quantity: NonNegativeStringSchema.optional().describe("pour une action : quantité dans l'unité du tarif (défaut \"1\")"),
  description: z.string().max(1000).optional(),
});

export const RecordProjectEventOutputSchema = z.object({
  eventId: z.number().int(),
  contractId: z.number().int(),
  contractName: z.string(),
  type: z.enum(["signature", "start", "action", "state", "event"]),
  name: z.string().nullable().describe("nom tel qu'enregistré (orthographe de l'échéancier)"),
  date: IsoDateSchema,
  quantity: z.string().nullable(),
  triggers: z.array(z.object({ itemIndex: z.number().int(), description: z.string() })).describe("échéances que cet événement déclenche"),
  dueNow: DueNowSchema,
});

export const recordProjectEventTool = defineTool({
  name: "record_project_event",
  title: "Enregistrer un jalon ou un événement",
  description:
    "Enregistre un fait daté sur le contrat d'un projet : signature, démarrage réel, action / jalon réalisé, état atteint (« livré », « recette validée »), " +
    "événement nommé (« abandon »). À utiliser quand l'utilisateur dit qu'un jalon est atteint. Les noms sont vérifiés contre l'échéancier du contrat " +
    "(orthographe corrigée) ; renvoie les échéances déclenchées et le montant devenu facturable. Ne crée aucune facture (voir prepare_invoice_draft). " +
    "Pour du temps passé en régie, utiliser record_time_entries ; pour l'avancement de lots, record_lot_progress.",
  inputSchema: InputSchema,
  outputSchema: RecordProjectEventOutputSchema,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  monetary: false,
  bindable: ["projectId"],
  async handler(args, ctx) {
    const today = ctx.today();
    const date = pastOrToday(args.date ?? today, today, "date");
    const named = args.type === "action" || args.type === "state" || args.type === "event";
    if (named && args.name === undefined) throw new InputError(`est obligatoire pour un type « ${args.type} »`, { field: "name" });
    if (!named && args.name !== undefined) throw new InputError(`sans objet pour un type « ${args.type} »`, { field: "name" });
    if (args.type !== "action" && args.quantity !== undefined) throw new InputError("ne s'applique qu'à une action", { field: "quantity" });

    const project = await getProject(ctx.db, args.projectId);
    const triggerNames = (c: (typeof project.contracts)[number]) =>
      c.schedule.flatMap((raw) => {
        const t = raw.trigger as { on?: unknown; name?: unknown } | undefined;
        return t?.on === args.type && typeof t.name === "string" ? [t.name] : [];
      });
    const actionNames = (c: (typeof project.contracts)[number]) => {
      const actions = (c.pricing as { type?: unknown; actions?: { name: string }[] }).actions;
      return c.pricing.type === "per_action" ? (actions ?? []).map((a) => a.name) : [];
    };
    const knownNames = (c: (typeof project.contracts)[number]) => [...triggerNames(c), ...(args.type === "action" ? actionNames(c) : [])];
    const fits = (c: (typeof project.contracts)[number]) =>
      !named || args.name === undefined || project.contracts.length === 1 || canonicalName(args.name, knownNames(c)) !== undefined;
    const contract = chooseContract(project, args.contractId, fits, `aucune échéance ne porte sur ${TYPE_FR[args.type]} « ${args.name ?? ""} »`);

    let name: string | null = null;
    if (named && args.name !== undefined) {
      const known = knownNames(contract);
      const canonical = canonicalName(args.name, known);
      if (args.type === "action" && contract.pricing.type === "per_action" && canonical === undefined) {
        throw new InputError(`action inconnue de la liste de prix du contrat « ${contract.name} » (connues : ${actionNames(contract).join(", ")})`, { field: "name" });
      }
      name = canonical ?? args.name;
    }
    const stored = await recordEvent(ctx.db, {
      contractId: contract.id,
      type: args.type,
      occurredOn: date,
      name,
      quantity: args.type === "action" ? toDecimal(args.quantity ?? "1") : undefined,
      description: args.description ?? null,
      recordedBy: ctx.session.userId,
    });
    const triggers = contract.schedule.flatMap((raw, itemIndex) => {
      const item = ScheduleItemSchema.safeParse(raw);
      if (!item.success) return [];
      const t = item.data.trigger;
      const hit = t.on === args.type && (!("name" in t) || t.name === name);
      return hit ? [{ itemIndex, description: describeScheduleItem(item.data) }] : [];
    });
    const due = await dueNow(ctx.db, project.id, today);
    const what = `${TYPE_FR[args.type]}${name ? ` « ${name} »` : ""}`;
    const text =
      `Enregistré : ${what} le ${formatDateShortFr(date)} sur « ${contract.name} ».` +
      (triggers.length > 0 ? ` Échéance déclenchée : ${triggers.map((t) => t.description).join(" ; ")}.` : " Aucune échéance ne se déclenche sur ce fait.") +
      dueNowText(due);
    return {
      structured: {
        eventId: stored.id,
        contractId: contract.id,
        contractName: contract.name,
        type: args.type,
        name,
        date,
        quantity: stored.quantity === null ? null : toPlainString(stored.quantity),
        triggers,
        dueNow: due,
      },
      text,
    };
  },
});
