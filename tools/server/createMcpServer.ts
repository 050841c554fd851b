import { McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import {
  CallToolRequestSchema,
  ErrorCode,
  ListToolsRequestSchema,
  McpError,
  type CallToolResult,
  type Tool as McpTool,
} from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { BillingError, NotFoundError } from "../../engine/errors.js";
import type { ConfirmationDeps } from "../confirmation/confirmationDeps.js";
import { ConfirmationGate } from "../confirmation/confirmationGate.js";
import { exposedInputSchema, invokeTool } from "../invokeTool.js";
import type { ResourceDefinition } from "../resources/resourceDefinition.js";
import type { ConversationBinding, Session } from "../session.js";
import type { Tool, ToolContext } from "../toolDefinition.js";
import type { ToolDatabase } from "../toolDatabase.js";
import type { AgentPrompt } from "./agentPrompts.js";
import { getUiCapability } from "@modelcontextprotocol/ext-apps/server";
import { appViewMetaOf, appViewResultMeta } from "../apps/appViews.js";
import { offerConfirmationPage } from "./confirmationPageLink.js";
import { elicitationChannel } from "./elicitationChannel.js";

export const SERVER_INFO = { name: "facturation", title: "Facturation", version: "0.1.0" } as const;

/** Human approvals take time: far above the SDK's 60 s default, below the pending action's lifetime. */
export const DEFAULT_ELICITATION_TIMEOUT_MS = 10 * 60_000;

export interface CreateMcpServerOptions {
  /** The registry (`TOOLS` from `tools/index.ts`). */
  readonly tools: readonly Tool[];
  /** Deny by default: only these tool names are listed and callable (e.g. an agent's allowlist). */
  readonly allow: readonly string[];
  readonly resources?: readonly ResourceDefinition[];
  readonly prompts?: readonly AgentPrompt[];
  readonly db: ToolDatabase;
  /** Who is on the other side, established by the transport — never by the model. */
  readonly session: Session;
  readonly confirmation: ConfirmationDeps;
  readonly binding?: ConversationBinding;
  readonly elicitationTimeoutMs?: number;
  /** Where unexpected (non-billing) errors are reported before being re-thrown (stderr on stdio). */
  readonly onUnexpectedError?: (error: unknown) => void;
}

/** The listing of one tool: JSON Schemas from zod, honest annotations, and whether it is monetary. */
export function describeTool(tool: Tool, binding: ConversationBinding = {}): McpTool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: z.toJSONSchema(exposedInputSchema(tool, binding), { target: "draft-7", io: "input" }) as McpTool["inputSchema"],
    outputSchema: z.toJSONSchema(tool.outputSchema, { target: "draft-7", io: "output" }) as McpTool["outputSchema"],
    annotations: { title: tool.title, ...tool.annotations },
    // The MCP Apps view that shows its answer, when it has one (clients that do not render views ignore it).
    _meta: { "facturation/monetary": tool.monetary, ...appViewMetaOf(tool.name) },
  };
}

function errorResult(error: BillingError): CallToolResult {
  return { isError: true, content: [{ type: "text", text: error.message }] };
}

/**
 * Builds the MCP server for one session: the tools of the registry that `allow` lists (nothing
 * else is listed or callable), the resources and the prompts. Errors are mapped here, once:
 * a BillingError (bad arguments included, in French naming the field) is a tool result with
 * `isError: true` and the server keeps serving; anything else is reported and re-thrown, so
 * the client receives a JSON-RPC error instead of a silent failure.
 */
export function createMcpServer(options: CreateMcpServerOptions): McpServer {
  const allowed = new Set(options.allow);
  const tools = new Map(options.tools.filter((tool) => allowed.has(tool.name)).map((tool) => [tool.name, tool]));
  const binding = options.binding ?? {};
  const mcp = new McpServer(SERVER_INFO, {
    instructions:
      "Outils de facturation. Les montants sont des chaînes décimales (\"1234.50\"). Les actions monétaires ne sont jamais exécutées directement : " +
      "elles créent une action en attente que l'utilisateur confirme lui-même (formulaire ou « facturation confirm <id> » dans un terminal).",
  });
  const server = mcp.server;
  // The tool handlers are ours (not McpServer.registerTool): French validation errors and
  // unknown errors re-thrown instead of being turned into an English `isError` text.
  server.registerCapabilities({ tools: { listChanged: false } });
  const timeout = options.elicitationTimeoutMs ?? DEFAULT_ELICITATION_TIMEOUT_MS;

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: [...tools.values()].map((tool) => describeTool(tool, binding)) }));

  server.setRequestHandler(CallToolRequestSchema, async (request, extra): Promise<CallToolResult> => {
    const tool = tools.get(request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `outil inconnu ou non autorisé : ${request.params.name}`);
    const ctx: ToolContext = {
      db: options.db,
      session: options.session,
      today: options.confirmation.today,
      binding,
      gate: new ConfirmationGate(options.confirmation, options.session, elicitationChannel(server, extra, timeout)),
    };
    try {
      const result = await invokeTool(tool, request.params.arguments, ctx);
      if (tool.monetary) await offerConfirmationPage(server, extra, result.structured);
      const viewMeta = getUiCapability(server.getClientCapabilities()) ? await appViewResultMeta(tool.name, result.structured) : undefined;
      return { content: [{ type: "text", text: result.text }], structuredContent: result.structured, ...(viewMeta ? { _meta: viewMeta } : {}) };
    } catch (error) {
      if (error instanceof BillingError) return errorResult(error);
      options.onUnexpectedError?.(error);
      throw error;
    }
  });

  const resourceContext = { db: options.db, today: options.confirmation.today };
  for (const resource of options.resources ?? []) {
    const template = new ResourceTemplate(resource.uriTemplate, {
      list: resource.list
        ? async () => ({ resources: (await resource.list!(resourceContext)).map((r) => ({ ...r, mimeType: resource.mimeType })) })
        : undefined,
    });
    mcp.registerResource(resource.name, template, { title: resource.title, description: resource.description, mimeType: resource.mimeType }, async (uri, variables) => {
      const flat = Object.fromEntries(Object.entries(variables).map(([key, value]) => [key, Array.isArray(value) ? value.join(",") : value]));
      try {
        const body = await resource.read(flat, resourceContext);
        const content = typeof body === "string" ? { text: body } : { blob: Buffer.from(body).toString("base64") };
        return { contents: [{ uri: uri.href, mimeType: resource.mimeType, ...content }] };
      } catch (error) {
        if (error instanceof NotFoundError) throw new McpError(-32002, error.message);
        if (error instanceof BillingError) throw new McpError(ErrorCode.InvalidParams, error.message);
        throw error;
      }
    });
  }

  for (const prompt of options.prompts ?? []) {
    mcp.registerPrompt(prompt.name, { title: prompt.title, description: `Consignes (en français) de l'agent ${prompt.name}.` }, () => ({
      messages: [{ role: "user", content: { type: "text", text: prompt.text } }],
    }));
  }
  return mcp;
}
