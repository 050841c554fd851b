import { z } from "zod";

/**
 * A client of the XP Z12-013 Flow Service (OpenAPI « AFNOR Flow Service » 1.1.0) over Node's fetch:
 * `POST /v1/flows` (multipart: `flowInfo` as application/json, `file`), `POST /v1/flows/search`,
 * `GET /v1/flows/{flowId}`. Responses are parsed with the schemas below (written from the OpenAPI;
 * properties the platform adds are ignored). The bearer token goes in the Authorization header only.
 */
export const FlowSyntaxSchema = z.enum(["CII", "UBL", "Factur-X", "CDAR", "FRR"]);
export const FlowInfoSchema = z.object({
  trackingId: z.string().max(36).optional(),
  name: z.string().max(255).optional(),
  processingRule: z.enum(["B2B", "B2BInt", "B2C", "OutOfScope", "ArchiveOnly", "NotApplicable"]).optional(),
  flowSyntax: FlowSyntaxSchema,
  flowProfile: z.enum(["Basic", "CIUS", "Extended-CTC-FR"]).optional(),
  sha256: z.string().regex(/^[a-f0-9]{64}$/).optional(),
});
export type FlowInfo = z.infer<typeof FlowInfoSchema>;

const AckDetailSchema = z.object({ level: z.string(), item: z.string(), reasonCode: z.string(), reasonMessage: z.string() });
export const FlowSchema = z.object({
  submittedAt: z.string().optional(),
  updatedAt: z.string().optional(),
  flowId: z.string().optional(),
  trackingId: z.string().optional(),
  flowType: z.string().optional(),
  processingRule: z.string().optional(),
  flowDirection: z.enum(["In", "Out"]).optional(),
  flowSyntax: z.string().optional(),
  flowProfile: z.string().optional(),
  acknowledgement: z.object({ status: z.enum(["Pending", "Ok", "Error"]), details: z.array(AckDetailSchema).optional() }).optional(),
});
export type Flow = z.infer<typeof FlowSchema>;
const FullFlowInfoSchema = FlowInfoSchema.partial().extend({ flowId: z.string().optional(), submittedAt: z.string().optional() });
const SearchContentSchema = z.object({ results: z.array(FlowSchema).optional() });
const ErrorSchema = z.object({ errorCode: z.string(), errorMessage: z.string().nullish() });

export interface SearchFlowFilters {
  readonly updatedAfter?: string | undefined;
  readonly trackingId?: string | undefined;
  readonly flowDirection?: readonly ("In" | "Out")[] | undefined;
  readonly flowType?: readonly string[] | undefined;
}

/** What a call came to: an answer, or why not — `retryable` (network, 429, 5xx) or `refused` (another 4xx). */
export type PlatformFailure =
  | { readonly kind: "retryable"; readonly httpStatus?: number | undefined; readonly errorCode?: string | undefined; readonly message: string }
  | { readonly kind: "refused"; readonly httpStatus: number; readonly errorCode?: string | undefined; readonly message: string };

export type CreateFlowOutcome =
  | { readonly kind: "accepted"; readonly httpStatus: number; readonly flowId: string; readonly submittedAt?: string | undefined }
  | PlatformFailure;

export class PlatformCallError extends Error {
  constructor(readonly failure: PlatformFailure) {
    super(failure.message);
    this.name = "PlatformCallError";
  }
}

export interface FlowServiceClient {
  createFlow(input: { readonly file: Uint8Array; readonly fileName: string; readonly contentType: string; readonly flowInfo: FlowInfo }): Promise<CreateFlowOutcome>;
  searchFlows(where: SearchFlowFilters, limit?: number): Promise<Flow[]>;
  getFlow(flowId: string): Promise<Flow>;
  downloadFlow(flowId: string): Promise<Uint8Array>;
}

export interface FlowServiceClientOptions {
  readonly baseUrl: string;
  readonly token: string;
  /** Per request (default 30 s). */
  readonly timeoutMs?: number | undefined;
  readonly fetch?: typeof fetch | undefined;
}

/** A network error's French description, without any URL or header (so never the token). */
function networkMessage(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return "la plateforme n'a pas répondu à temps";
  return `plateforme injoignable${typeof code === "string" ? ` (${code})` : ""}`;
}

async function failureOf(response: Response): Promise<PlatformFailure> {
  const text = await response.text().catch(() => "");
  let parsed: z.infer<typeof ErrorSchema> | undefined;
  try {
    const r = ErrorSchema.safeParse(JSON.parse(text));
    parsed = r.success ? r.data : undefined;
  } catch {
    parsed = undefined;
  }
  const message = `la plateforme a répondu ${response.status}${parsed ? ` ${parsed.errorCode}${parsed.errorMessage ? ` : ${parsed.errorMessage}` : ""}` : ""}`;
  const retryable = response.status === 429 || response.status >= 500;
  return retryable
    ? { kind: "retryable", httpStatus: response.status, errorCode: parsed?.errorCode, message }
    : { kind: "refused", httpStatus: response.status, errorCode: parsed?.errorCode, message };
}

export function flowServiceClient(options: FlowServiceClientOptions): FlowServiceClient {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const url = (path: string) => `${options.baseUrl}${path}`;
  const headers = (extra: Record<string, string> = {}) => ({ Authorization: `Bearer ${options.token}`, Accept: "application/json", ...extra });

  async function call(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(url(path), { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new PlatformCallError({ kind: "retryable", message: networkMessage(error) });
    }
    if (!response.ok) throw new PlatformCallError(await failureOf(response));
    return response;
  }

  async function json<S extends z.ZodType>(response: Response, schema: S): Promise<z.infer<S>> {
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new PlatformCallError({ kind: "retryable", httpStatus: response.status, message: "réponse de la plateforme illisible" });
    return parsed.data;
  }

  return {
    async createFlow(input) {
      const form = new FormData();
      form.append("flowInfo", new Blob([JSON.stringify(FlowInfoSchema.parse(input.flowInfo))], { type: "application/json" }), "flowInfo.json");
      form.append("file", new Blob([input.file], { type: input.contentType }), input.fileName);
      try {
        const response = await call("/v1/flows", { method: "POST", headers: headers({ "X-Request-Id": crypto.randomUUID() }), body: form });
        const info = await json(response, FullFlowInfoSchema);
        if (!info.flowId) return { kind: "retryable", httpStatus: response.status, message: "la plateforme n'a pas donné d'identifiant de flux" };
        return { kind: "accepted", httpStatus: response.status, flowId: info.flowId, submittedAt: info.submittedAt };
      } catch (error) {
        if (error instanceof PlatformCallError) return error.failure;
        throw error;
      }
    },
    async searchFlows(where, limit = 100) {
      const body = { limit, where: Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined)) };
      const response = await call("/v1/flows/search", { method: "POST", headers: headers({ "Content-Type": "application/json" }), body: JSON.stringify(body) });
      return (await json(response, SearchContentSchema)).results ?? [];
    },
    async getFlow(flowId) {
      const response = await call(`/v1/flows/${encodeURIComponent(flowId)}?docType=Metadata`, { method: "GET", headers: headers() });
      return json(response, FlowSchema);
    },
    async downloadFlow(flowId) {
      const response = await call(`/v1/flows/${encodeURIComponent(flowId)}?docType=Original`, { method: "GET", headers: headers({ Accept: "application/octet-stream" }) });
      return new Uint8Array(await response.arrayBuffer());
    },
  };
}
