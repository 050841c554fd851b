/**
 * Connects an SDK `Client` to `createMcpServer` over `InMemoryTransport.createLinkedPair()`, on a
 * fresh migrated database, with a controllable clock. Options choose the client's elicitation
 * behaviour (none, or a handler that answers like a human would).
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ElicitRequestSchema, type ElicitRequest, type ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import type { OpenedDatabase } from "../../db/connection.js";
import { Decimal } from "../../engine/money/money.js";
import type { Action } from "../../tools/confirmation/actionDefinition.js";
import { createActionRegistry } from "../../tools/confirmation/actionRegistry.js";
import type { ConfirmationDeps } from "../../tools/confirmation/confirmationDeps.js";
import { confirmationPolicyFromSettings, DEFAULT_CONFIRMATION_POLICY, fixedConfirmationPolicy } from "../../tools/confirmation/confirmationPolicy.js";
import { dbConfirmationStore } from "../../tools/confirmation/dbConfirmationStore.js";
import { createMcpServer } from "../../tools/server/createMcpServer.js";
import type { ResourceDefinition } from "../../tools/resources/resourceDefinition.js";
import type { AgentPrompt } from "../../tools/server/agentPrompts.js";
import type { ConversationBinding, Session } from "../../tools/session.js";
import type { Tool } from "../../tools/toolDefinition.js";
import { pgliteBackend } from "../db/backends.js";

export interface Clock {
  now: Date;
}

export interface HarnessOptions {
  readonly tools: readonly Tool[];
  readonly allow?: readonly string[];
  readonly session?: Session;
  readonly binding?: ConversationBinding;
  readonly elicitation?: (request: ElicitRequest) => ElicitResult | Promise<ElicitResult>;
  readonly elicitationTimeoutMs?: number;
  readonly financeThreshold?: string;
  readonly resources?: readonly ResourceDefinition[];
  readonly prompts?: readonly AgentPrompt[];
  readonly database?: OpenedDatabase;
}

export interface Harness {
  readonly client: Client;
  readonly deps: ConfirmationDeps;
  readonly clock: Clock;
  readonly opened: OpenedDatabase;
  readonly unexpected: unknown[];
  readonly elicitations: ElicitRequest[];
  close(): Promise<void>;
}

export const PROJECT_MANAGER: Session = { userId: "claire", role: "project_manager", channel: "mcp_memory" };
export const FINANCE: Session = { userId: "farid", role: "finance", channel: "cli" };

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const opened = options.database ?? (await pgliteBackend.fresh());
  const clock: Clock = { now: new Date("2026-03-20T09:00:00Z") };
  const deps: ConfirmationDeps = {
    store: dbConfirmationStore(opened.db),
    actions: createActionRegistry(options.tools.flatMap((tool): Action[] => (tool.action ? [tool.action] : []))),
    policy: options.financeThreshold
      ? fixedConfirmationPolicy({ ...DEFAULT_CONFIRMATION_POLICY, financeThreshold: new Decimal(options.financeThreshold) })
      : confirmationPolicyFromSettings(opened.db, {}),
    now: () => clock.now,
    today: () => clock.now.toISOString().slice(0, 10),
  };
  const unexpected: unknown[] = [];
  const server = createMcpServer({
    tools: options.tools,
    allow: options.allow ?? options.tools.map((tool) => tool.name),
    db: opened.db,
    session: options.session ?? PROJECT_MANAGER,
    confirmation: deps,
    binding: options.binding ?? {},
    resources: options.resources ?? [],
    prompts: options.prompts ?? [],
    elicitationTimeoutMs: options.elicitationTimeoutMs ?? 2_000,
    onUnexpectedError: (error) => unexpected.push(error),
  });
  const elicitations: ElicitRequest[] = [];
  const client = new Client({ name: "client-de-test", version: "1.0.0" }, { capabilities: options.elicitation ? { elicitation: { form: {} } } : {} });
  if (options.elicitation) {
    const answer = options.elicitation;
    client.setRequestHandler(ElicitRequestSchema, async (request) => {
      elicitations.push(request);
      return answer(request);
    });
  }
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  return {
    client,
    deps,
    clock,
    opened,
    unexpected,
    elicitations,
    async close() {
      await client.close();
      await server.close();
      await opened.close();
    },
  };
}
