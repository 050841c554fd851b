/**
 * Two small tools written exactly as domain tools are (defineTool / defineAction), used to test the
 * framework and the gate independently of the domain: a read tool and a monetary one whose
 * executor records what it executed (and can be told to refuse).
 */
import { z } from "zod";
import { RuleError } from "../../engine/errors.js";
import { toAmountString, toDecimal } from "../../engine/money/money.js";
import { vatOf } from "../../engine/vat/vatBreakdown.js";
import { AmountStringSchema } from "../../engine/wire/decimalString.js";
import { IsoDateSchema } from "../../engine/wire/isoDate.js";
import { defineAction } from "../../tools/confirmation/actionDefinition.js";
import { ProposalResultSchema } from "../../tools/confirmation/proposalResult.js";
import { defineTool } from "../../tools/toolDefinition.js";

export interface Executed {
  readonly actionId: string;
  readonly payload: unknown;
  readonly confirmedBy: string;
}

export function testTools(options: { readonly refuseExecution?: boolean } = {}) {
  const executed: Executed[] = [];

  const PayloadSchema = z.object({
    clientName: z.string(),
    label: z.string(),
    net: AmountStringSchema,
    vat: AmountStringSchema,
    gross: AmountStringSchema,
    dueDate: IsoDateSchema,
  });

  const chargeAction = defineAction({
    kind: "issue_invoice",
    payloadSchema: PayloadSchema,
    preview: (p) => ({
      title: "Émission d'une facture de test",
      client: p.clientName,
      lines: [{ label: p.label, net: p.net, vatRate: "20" }],
      totals: { net: p.net, vat: p.vat, gross: p.gross },
      dueDate: p.dueDate,
      series: "F",
      facts: [],
      amountAtStake: p.gross,
    }),
    async execute(p, ctx) {
      if (options.refuseExecution) throw new RuleError("le brouillon a déjà été facturé", { field: "draftId" });
      executed.push({ actionId: ctx.actionId, payload: p, confirmedBy: ctx.confirmedBy.userId });
      return { text: `Facture TEST-${executed.length} émise pour ${p.clientName}.`, result: { number: `TEST-${executed.length}` } };
    },
  });

  const chargeTool = defineTool({
    name: "issue_test_invoice",
    title: "Émettre une facture de test",
    description: "Propose l'émission d'une facture de test ; rien n'est fait sans confirmation humaine.",
    inputSchema: z.object({
      clientId: z.number().int().positive(),
      label: z.string().min(1, "ne doit pas être vide"),
      net: AmountStringSchema,
    }),
    outputSchema: ProposalResultSchema,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
    monetary: true,
    action: chargeAction,
    bindable: ["clientId"],
    async handler(args, ctx) {
      const net = toDecimal(args.net);
      const vat = vatOf(net, "20");
      return ctx.gate.propose(chargeAction, {
        clientName: `Client ${args.clientId}`,
        label: args.label,
        net: toAmountString(net),
        vat: toAmountString(vat),
        gross: toAmountString(net.plus(vat)),
        dueDate: "2026-04-30",
      });
    },
  });

  const echoTool = defineTool({
    name: "echo_client",
    title: "Afficher un client",
    description: "Renvoie l'identifiant du client (test).",
    inputSchema: z.object({ clientId: z.number().int().positive(), crash: z.boolean().optional() }),
    outputSchema: z.object({ clientId: z.number(), today: IsoDateSchema, user: z.string() }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    monetary: false,
    bindable: ["clientId"],
    async handler(args, ctx) {
      if (args.crash) throw new Error("panne inattendue");
      return { structured: { clientId: args.clientId, today: ctx.today(), user: ctx.session.userId }, text: `Client ${args.clientId}.` };
    },
  });

  return { executed, chargeAction, chargeTool, echoTool, tools: [chargeTool, echoTool] };
}
