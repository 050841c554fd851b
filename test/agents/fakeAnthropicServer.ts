/**
 * A fake Anthropic Messages API on 127.0.0.1 for the real SDK client (`baseURL`): it replays a
 * queue of scripted replies, as JSON or as server-sent events exactly like the real API, and
 * records every request so tests can assert what was sent. An exhausted queue fails the test.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptedBlock =
  | { readonly type: "text"; readonly text: string; readonly chunks?: readonly string[] }
  | { readonly type: "tool_use"; readonly id: string; readonly name: string; readonly input: Record<string, unknown> };

export interface ScriptedUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_creation_input_tokens: number;
  readonly cache_read_input_tokens: number;
}

export type ScriptedReply =
  | {
      readonly kind: "message";
      readonly content: readonly ScriptedBlock[];
      readonly stopReason?: "end_turn" | "tool_use" | "max_tokens" | "refusal";
      readonly usage?: Partial<ScriptedUsage>;
    }
  | { readonly kind: "error"; readonly status: number; readonly errorType: string; readonly headers?: Readonly<Record<string, string>> };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: Record<string, unknown>;
}

let toolUseCounter = 0;

export const text = (value: string, chunks?: readonly string[]): ScriptedBlock =>
  chunks === undefined ? { type: "text", text: value } : { type: "text", text: value, chunks };

export const toolUse = (name: string, input: Record<string, unknown>, id = `toolu_fake_${++toolUseCounter}`): ScriptedBlock => ({
  type: "tool_use",
  id,
  name,
  input,
});

export const reply = (...content: ScriptedBlock[]): ScriptedReply => ({ kind: "message", content });

export const apiError = (status: number, errorType: string, headers?: Record<string, string>): ScriptedReply =>
  headers === undefined ? { kind: "error", status, errorType } : { kind: "error", status, errorType, headers };

const DEFAULT_USAGE: ScriptedUsage = { input_tokens: 100, output_tokens: 20, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };

function chunksOf(value: string, size = 7): string[] {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += size) parts.push(value.slice(i, i + size));
  return parts;
}

export class FakeAnthropicServer {
  readonly requests: RecordedRequest[] = [];
  readonly failures: string[] = [];
  private readonly queue: ScriptedReply[] = [];
  private messageCounter = 0;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<FakeAnthropicServer> {
    let fake: FakeAnthropicServer | undefined;
    const server = createServer((request, response) => {
      void fake?.handle(request, response);
    });
    fake = new FakeAnthropicServer(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get baseURL(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  get remaining(): number {
    return this.queue.length;
  }

  enqueue(...replies: ScriptedReply[]): void {
    this.queue.push(...replies);
  }

  /** Request bodies of the Messages API calls, in order. */
  get bodies(): Record<string, unknown>[] {
    return this.requests.map((request) => request.body);
  }

  /** Throws when a request found the queue empty or when scripted replies were left unused. */
  assertDone(): void {
    if (this.failures.length > 0) throw new Error(`faux serveur Anthropic : ${this.failures.join(" ; ")}`);
    if (this.queue.length > 0) throw new Error(`faux serveur Anthropic : ${this.queue.length} réponse(s) scriptée(s) non consommée(s)`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw: Buffer[] = [];
    for await (const chunk of request) raw.push(chunk as Buffer);
    const bodyText = Buffer.concat(raw).toString("utf8");
    const body = bodyText === "" ? {} : (JSON.parse(bodyText) as Record<string, unknown>);
    this.requests.push({ method: request.method ?? "", path: request.url ?? "", headers: request.headers, body });

    if (request.method !== "POST" || request.url?.split("?")[0] !== "/v1/messages") {
      this.failures.push(`requête inattendue ${request.method} ${request.url}`);
      return this.sendError(response, { kind: "error", status: 404, errorType: "not_found_error" });
    }
    const next = this.queue.shift();
    if (next === undefined) {
      this.failures.push(`file des réponses épuisée à la requête n° ${this.requests.length}`);
      return this.sendError(response, { kind: "error", status: 400, errorType: "invalid_request_error" });
    }
    if (next.kind === "error") return this.sendError(response, next);
    const message = this.messageOf(next, String(body.model ?? "claude-fake"));
    if (body.stream === true) return this.sendStream(response, next, message);
    response.writeHead(200, { "content-type": "application/json", "request-id": `req_fake_${this.messageCounter}` });
    response.end(JSON.stringify(message));
  }

  private messageOf(scripted: Extract<ScriptedReply, { kind: "message" }>, model: string) {
    this.messageCounter += 1;
    const hasToolUse = scripted.content.some((block) => block.type === "tool_use");
    return {
      id: `msg_fake_${this.messageCounter}`,
      type: "message",
      role: "assistant",
      model,
      content: scripted.content.map((block) =>
        block.type === "text" ? { type: "text", text: block.text, citations: null } : { type: "tool_use", id: block.id, name: block.name, input: block.input },
      ),
      stop_reason: scripted.stopReason ?? (hasToolUse ? "tool_use" : "end_turn"),
      stop_sequence: null,
      usage: { ...DEFAULT_USAGE, ...scripted.usage },
    };
  }

  private sendError(response: ServerResponse, error: Extract<ScriptedReply, { kind: "error" }>): void {
    response.writeHead(error.status, { "content-type": "application/json", ...error.headers });
    response.end(JSON.stringify({ type: "error", error: { type: error.errorType, message: `erreur simulée ${error.status}` } }));
  }

  private sendStream(
    response: ServerResponse,
    scripted: Extract<ScriptedReply, { kind: "message" }>,
    message: ReturnType<FakeAnthropicServer["messageOf"]>,
  ): void {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", "request-id": `req_fake_${this.messageCounter}` });
    const send = (event: string, data: unknown) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const { output_tokens, ...startUsage } = message.usage;
    send("message_start", { type: "message_start", message: { ...message, content: [], stop_reason: null, usage: { ...startUsage, output_tokens: 1 } } });
    send("ping", { type: "ping" });
    scripted.content.forEach((block, index) => {
      if (block.type === "text") {
        send("content_block_start", { type: "content_block_start", index, content_block: { type: "text", text: "" } });
        for (const part of block.chunks ?? chunksOf(block.text)) {
          send("content_block_delta", { type: "content_block_delta", index, delta: { type: "text_delta", text: part } });
        }
      } else {
        send("content_block_start", { type: "content_block_start", index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } });
        for (const part of chunksOf(JSON.stringify(block.input), 5)) {
          send("content_block_delta", { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: part } });
        }
      }
      send("content_block_stop", { type: "content_block_stop", index });
    });
    send("message_delta", { type: "message_delta", delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens } });
    send("message_stop", { type: "message_stop" });
    response.end();
  }
}
