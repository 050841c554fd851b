import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { CallToolResultSchema, McpError, type ClientCapabilities } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { AgentName } from "../definitions/agentName.js";
import { allowedTools, isToolAllowed } from "../definitions/allowlist.js";
import type { ToolName } from "../definitions/toolName.js";
import { extractPendingAction, type PendingActionRef } from "./pendingActionRef.js";

/** A tool as the model sees it (the Anthropic Messages API `tools[]` entry). */
export interface ModelToolDefinition {
  readonly name: ToolName;
  readonly description: string;
  readonly input_schema: { readonly type: "object"; readonly [key: string]: unknown };
}

/** What a tool call gave back, ready to become a `tool_result` block. */
export interface ToolCallOutcome {
  readonly isError: boolean;
  /** True when the runtime refused the call (unlisted tool): nothing was executed. */
  readonly refused: boolean;
  /** The text handed back to the model (French text face, plus the structured face as JSON). */
  readonly text: string;
  readonly structuredContent: Record<string, unknown> | undefined;
  readonly pendingAction: PendingActionRef | undefined;
}

/** Audit trail of the gateway: every call, and every refusal. */
export type ToolGatewayEvent =
  | { readonly kind: "call"; readonly agent: AgentName; readonly tool: ToolName; readonly isError: boolean }
  | { readonly kind: "refusal"; readonly agent: AgentName; readonly tool: string; readonly reason: string };

/** The server side: the tools server restricted to the agent's profile (its allowlist). */
export interface ToolServerProfile {
  readonly agent: AgentName;
  readonly allowedTools: readonly ToolName[];
}
export interface ConnectableToolServer {
  connect(transport: Transport): Promise<void>;
  close(): Promise<void>;
}
export type ToolServerFactory = (profile: ToolServerProfile) => ConnectableToolServer | Promise<ConnectableToolServer>;

export interface ToolGatewayOptions {
  readonly agent: AgentName;
  /** Builds the tools server for this agent's profile; the session (user, role) is bound by the caller, never by the model. */
  readonly createServer: ToolServerFactory;
  /** Receives every call and refusal; defaults to writing refusals to stderr. */
  readonly audit?: (event: ToolGatewayEvent) => void;
  /** Extra client capabilities (e.g. elicitation) and a hook to install their handlers. */
  readonly capabilities?: ClientCapabilities;
  readonly setupClient?: (client: Client) => void;
  /** Per-call timeout in milliseconds (default 60 000, the SDK's). */
  readonly callTimeoutMs?: number;
}

/** One agent's access to the tools: listing and calling, both filtered by its allowlist. */
export interface ToolGateway {
  readonly agent: AgentName;
  listTools(): Promise<readonly ModelToolDefinition[]>;
  callTool(name: string, input: unknown): Promise<ToolCallOutcome>;
  close(): Promise<void>;
}

const ToolArgumentsSchema = z.record(z.string(), z.unknown());

function writeRefusalToStderr(event: ToolGatewayEvent): void {
  if (event.kind === "refusal") {
    process.stderr.write(`[outils] refusé : l'agent ${event.agent} a demandé « ${event.tool} » (${event.reason})\n`);
  }
}

function refusal(text: string): ToolCallOutcome {
  return { isError: true, refused: true, text, structuredContent: undefined, pendingAction: undefined };
}

/** The text faces of an MCP result, plus its structured face as JSON when no text already carries it. */
function resultText(content: readonly { type: string; text?: unknown }[], structured: Record<string, unknown> | undefined): string {
  const texts = content.flatMap((item) => (item.type === "text" && typeof item.text === "string" ? [item.text] : []));
  if (structured !== undefined) {
    const json = JSON.stringify(structured);
    if (!texts.includes(json)) texts.push(json);
  }
  return texts.join("\n");
}

/**
 * Connects an MCP client to the tools server through an in-memory linked pair and restricts it to
 * the agent's allowlist: unlisted tools are never listed, and a call to one is refused without
 * reaching the server.
 */
export async function connectToolGateway(options: ToolGatewayOptions): Promise<ToolGateway> {
  const { agent } = options;
  const audit = options.audit ?? writeRefusalToStderr;
  const server = await options.createServer({ agent, allowedTools: allowedTools(agent) });
  const client = new Client({ name: `facturation-${agent}`, version: "0.1.0" }, { capabilities: options.capabilities ?? {} });
  options.setupClient?.(client);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await server.connect(serverTransport);
  await client.connect(clientTransport);
  let listed: readonly ModelToolDefinition[] | undefined;

  async function listTools(): Promise<readonly ModelToolDefinition[]> {
    if (listed) return listed;
    const tools: ModelToolDefinition[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor === undefined ? {} : { cursor });
      for (const tool of page.tools) {
        if (!isToolAllowed(agent, tool.name)) continue;
        const { $schema: _ignored, ...schema } = tool.inputSchema;
        tools.push({ name: tool.name, description: tool.description ?? tool.title ?? tool.name, input_schema: { ...schema, type: "object" } });
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    listed = tools;
    return tools;
  }

  async function callTool(name: string, input: unknown): Promise<ToolCallOutcome> {
    if (!isToolAllowed(agent, name)) {
      audit({ kind: "refusal", agent, tool: name, reason: "outil hors de la liste autorisée" });
      return refusal(`L'outil « ${name} » n'est pas autorisé pour l'agent ${agent} : appel refusé, rien n'a été exécuté.`);
    }
    const args = ToolArgumentsSchema.safeParse(input);
    if (!args.success) {
      audit({ kind: "refusal", agent, tool: name, reason: "arguments qui ne sont pas un objet" });
      return refusal(`Les arguments de l'outil « ${name} » doivent être un objet : appel refusé, rien n'a été exécuté.`);
    }
    try {
      const raw = await client.callTool(
        { name, arguments: args.data },
        CallToolResultSchema,
        options.callTimeoutMs === undefined ? undefined : { timeout: options.callTimeoutMs },
      );
      const result = CallToolResultSchema.parse(raw);
      const isError = result.isError === true;
      const structured = result.structuredContent;
      audit({ kind: "call", agent, tool: name, isError });
      return {
        isError,
        refused: false,
        text: resultText(result.content, structured),
        structuredContent: structured,
        pendingAction: isError ? undefined : extractPendingAction(structured),
      };
    } catch (error) {
      // Protocol errors (unknown tool, schema-invalid arguments) go back to the model as a tool error.
      if (!(error instanceof McpError)) throw error;
      audit({ kind: "call", agent, tool: name, isError: true });
      return { isError: true, refused: false, text: `Erreur de l'outil « ${name} » : ${error.message}`, structuredContent: undefined, pendingAction: undefined };
    }
  }

  return {
    agent,
    listTools,
    callTool,
    async close() {
      await client.close();
      await server.close();
    },
  };
}
