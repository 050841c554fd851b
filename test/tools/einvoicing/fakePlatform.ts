/**
 * A fake Plateforme Agréée for the tests: a real HTTP server on 127.0.0.1 written from the XP Z12-013
 * OpenAPI (the project's copy under test/fixtures/einvoicing), not a mock of our client. Every request
 * is validated against the OpenAPI schemas (openapi-backend); the multipart of `POST /v1/flows` is
 * parsed with busboy and checked (parts, content types, the sha256 of the file); deposits answer 202
 * with a flow id; a tracking id deposited twice answers 422 AlreadyExistingFlow. A test can push any
 * status (an « In » CDAR flow made from the official example of that status), set an acknowledgement,
 * make the next requests fail (network cut, 5xx) and hold a request open.
 */
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import busboy from "busboy";
import ajvFormats from "ajv-formats";
import OpenAPIBackend from "openapi-backend";
import { fixturesDir, officialExample } from "../../engine/einvoice/lifecycle/cdarTestKit.js";

export interface StoredFlow {
  flowId: string;
  trackingId?: string | undefined;
  flowDirection: "In" | "Out";
  flowSyntax: string;
  flowType: string;
  flowProfile?: string | undefined;
  processingRule?: string | undefined;
  submittedAt: string;
  updatedAt: string;
  acknowledgement: { status: "Pending" | "Ok" | "Error"; details?: { level: string; item: string; reasonCode: string; reasonMessage: string }[] };
  file: Buffer;
  fileName: string;
  contentType: string;
}

export type Fault = "network" | 500 | 503 | 429;

export interface FakePlatform {
  readonly url: string;
  readonly directoryUrl: string;
  readonly token: string;
  readonly flows: StoredFlow[];
  /** Requests refused by the OpenAPI validation (should stay empty: our client follows the spec). */
  readonly invalidRequests: string[];
  /** Deposits of our documents, in order (duplicates included). */
  readonly deposits: { trackingId: string; sha256: string; answered: number }[];
  /** The next `count` requests to `POST /v1/flows` fail this way. */
  failNextDeposits(fault: Fault, count?: number): void;
  /** Stores the next deposit then never answers it (the client gives up or dies). */
  swallowNextDeposit(): void;
  /** Sets the acknowledgement of the flow of `trackingId`. */
  acknowledge(trackingId: string, status: "Ok" | "Error", details?: StoredFlow["acknowledgement"]["details"]): void;
  /** Sends a lifecycle status about `invoiceNumber` (an « In » CDAR flow), from the official example of that status. */
  pushStatus(invoiceNumber: string, status: "202" | "207" | "210" | "211" | "213", options?: { reasonCode?: string; reason?: string; at?: string }): StoredFlow;
  /** Directory entries: SIREN → addressing identifier. */
  readonly directory: Map<string, string>;
  close(): Promise<void>;
}

const spec = (name: string) => JSON.parse(readFileSync(path.join(fixturesDir, name), "utf8")) as Record<string, unknown>;

function json(res: ServerResponse, status: number, body?: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(body === undefined ? "" : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Part {
  name: string;
  filename?: string | undefined;
  mimeType: string;
  data: Buffer;
}

function parseMultipart(req: IncomingMessage, body: Buffer): Promise<Part[]> {
  return new Promise((resolve, reject) => {
    const parts: Part[] = [];
    const parser = busboy({ headers: req.headers });
    parser.on("file", (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => parts.push({ name, filename: info.filename, mimeType: info.mimeType, data: Buffer.concat(chunks) }));
    });
    parser.on("field", (name, value, info) => parts.push({ name, mimeType: info.mimeType, data: Buffer.from(value) }));
    parser.on("error", reject);
    parser.on("close", () => resolve(parts));
    parser.end(body);
  });
}

const now = () => new Date().toISOString();

// ajv-formats is CommonJS with `exports.default`: under NodeNext its default import is the module object.
type AddFormats = typeof ajvFormats.default;
const addFormats = ((ajvFormats as unknown as { default?: AddFormats }).default ?? ajvFormats) as AddFormats;

/** The OpenAPI formats (uuid, date-time…) checked too, not ignored. */
const withFormats = <A extends Parameters<AddFormats>[0]>(ajv: A): A => {
  addFormats(ajv);
  return ajv;
};

export async function startFakePlatform(options: { token?: string } = {}): Promise<FakePlatform> {
  const token = options.token ?? `pa-${randomUUID()}`;
  const flowApi = new OpenAPIBackend({ definition: spec("afnor-flow-service-1.1.0.json") as never, strict: false, quick: false, validate: true, customizeAjv: withFormats });
  // quick: skips openapi-backend's own check of the document, which rejects the boolean `exclusiveMaximum` that
  // OpenAPI 3.0 allows (the Directory spec's `error.status`); requests are still validated against its schemas.
  const directoryApi = new OpenAPIBackend({ definition: spec("afnor-directory-service-1.1.0.json") as never, strict: false, quick: true, validate: true, customizeAjv: withFormats });
  await flowApi.init();
  await directoryApi.init();
  const flows: StoredFlow[] = [];
  const invalidRequests: string[] = [];
  const deposits: FakePlatform["deposits"] = [];
  const directory = new Map<string, string>();
  const faults: Fault[] = [];
  let swallow = false;

  const validate = (api: OpenAPIBackend, req: IncomingMessage, urlPath: string, body: unknown, query: Record<string, string>): string | undefined => {
    const operation = api.matchOperation({ method: req.method ?? "GET", path: urlPath, headers: req.headers as Record<string, string> });
    if (!operation) return `aucune opération pour ${req.method} ${urlPath}`;
    const result = api.validateRequest({ method: req.method ?? "GET", path: urlPath, headers: req.headers as Record<string, string>, query, body }, operation);
    return result.valid ? undefined : `${operation.operationId}: ${JSON.stringify(result.errors)}`;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams);
    const body = await readBody(req);
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 401, { errorCode: "MISSING_TOKEN" });
    const isDirectory = url.pathname.startsWith("/directory-service");
    const apiPath = url.pathname.replace(/^\/(flow|directory)-service/, "");
    if (isDirectory) {
      const parsed = body.length ? JSON.parse(body.toString("utf8")) : undefined;
      const invalid = validate(directoryApi, req, apiPath, parsed, query);
      if (invalid) {
        invalidRequests.push(invalid);
        return json(res, 400, { errorCode: "INVALID_REQUEST", errorMessage: invalid });
      }
      const siren = (parsed as { filters?: { siren?: { value?: string } } } | undefined)?.filters?.siren?.value ?? "";
      const address = directory.get(siren);
      return json(res, 200, { totalNumberOfResults: address ? 1 : 0, results: address ? [{ addressingIdentifier: address, siren }] : [] });
    }
    if (req.method === "POST" && apiPath === "/v1/flows") {
      const fault = faults.shift();
      if (fault === "network") {
        req.socket.destroy();
        return;
      }
      if (fault !== undefined) return json(res, fault, { errorCode: fault === 429 ? "TOO_MANY_REQUESTS" : "INTERNAL_ERROR" });
      const parts = await parseMultipart(req, body);
      const infoPart = parts.find((p) => p.name === "flowInfo");
      const filePart = parts.find((p) => p.name === "file");
      let flowInfo: Record<string, unknown> | undefined;
      try {
        flowInfo = infoPart ? (JSON.parse(infoPart.data.toString("utf8")) as Record<string, unknown>) : undefined;
      } catch {
        flowInfo = undefined;
      }
      const invalid =
        validate(flowApi, req, apiPath, { ...(flowInfo ? { flowInfo } : {}), ...(filePart ? { file: filePart.data.toString("latin1") } : {}) }, query) ??
        (infoPart?.mimeType !== "application/json" ? `flowInfo: type ${infoPart?.mimeType ?? "absent"} au lieu de application/json` : undefined) ??
        (!filePart || !["application/pdf", "application/xml"].includes(filePart.mimeType) ? `file: type ${filePart?.mimeType ?? "absent"}` : undefined);
      if (invalid || !flowInfo || !filePart) {
        invalidRequests.push(invalid ?? "multipart incomplet");
        return json(res, 400, { errorCode: "INVALID_REQUEST", errorMessage: invalid });
      }
      const sha256 = createHash("sha256").update(filePart.data).digest("hex");
      const trackingId = flowInfo.trackingId as string | undefined;
      if (flowInfo.sha256 !== undefined && flowInfo.sha256 !== sha256) {
        deposits.push({ trackingId: trackingId ?? "", sha256, answered: 422 });
        return json(res, 422, { errorCode: "ChecksumMismatch", errorMessage: "sha256 différent du fichier reçu" });
      }
      const existing = trackingId ? flows.find((f) => f.flowDirection === "Out" && f.trackingId === trackingId) : undefined;
      if (existing) {
        deposits.push({ trackingId: trackingId ?? "", sha256, answered: 422 });
        return json(res, 422, { errorCode: "AlreadyExistingFlow", errorMessage: `flux ${existing.flowId}` });
      }
      const at = now();
      const flow: StoredFlow = {
        flowId: randomUUID(),
        trackingId,
        flowDirection: "Out",
        flowSyntax: String(flowInfo.flowSyntax),
        flowType: flowInfo.flowSyntax === "CDAR" ? "CustomerInvoiceLC" : "CustomerInvoice",
        flowProfile: flowInfo.flowProfile as string | undefined,
        processingRule: flowInfo.processingRule as string | undefined,
        submittedAt: at,
        updatedAt: at,
        acknowledgement: { status: "Pending" },
        file: filePart.data,
        fileName: filePart.filename ?? "",
        contentType: filePart.mimeType,
      };
      flows.push(flow);
      if (swallow) {
        swallow = false;
        deposits.push({ trackingId: trackingId ?? "", sha256, answered: 0 });
        return; // never answered
      }
      deposits.push({ trackingId: trackingId ?? "", sha256, answered: 202 });
      return json(res, 202, { flowId: flow.flowId, submittedAt: flow.submittedAt, ...flowInfo });
    }
    const parsed = body.length ? JSON.parse(body.toString("utf8")) : undefined;
    const invalid = validate(flowApi, req, apiPath, parsed, query);
    if (invalid) {
      invalidRequests.push(invalid);
      return json(res, 400, { errorCode: "INVALID_REQUEST", errorMessage: invalid });
    }
    const metadata = (f: StoredFlow) => {
      const { file: _f, fileName: _n, contentType: _c, ...rest } = f;
      return rest;
    };
    if (req.method === "POST" && apiPath === "/v1/flows/search") {
      const where = (parsed as { where: { updatedAfter?: string; trackingId?: string; flowDirection?: string[] } ; limit?: number }).where;
      const limit = (parsed as { limit?: number }).limit ?? 25;
      const results = flows
        .filter((f) => !where.updatedAfter || f.updatedAt > where.updatedAfter)
        .filter((f) => !where.trackingId || f.trackingId === where.trackingId)
        .filter((f) => !where.flowDirection || where.flowDirection.includes(f.flowDirection))
        .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
        .slice(0, limit);
      return json(res, 200, { limit, filters: where, results: results.map(metadata) });
    }
    const get = /^\/v1\/flows\/([^/]+)$/.exec(apiPath);
    if (req.method === "GET" && get) {
      const flow = flows.find((f) => f.flowId === decodeURIComponent(get[1] ?? ""));
      if (!flow) return json(res, 404, { errorCode: "MISSING_RESOURCE" });
      if ((query.docType ?? "Metadata") === "Metadata") return json(res, 200, metadata(flow));
      res.writeHead(200, { "Content-Type": "application/octet-stream", "Content-Disposition": `attachment;filename=${flow.fileName}` });
      res.end(flow.file);
      return;
    }
    if (req.method === "GET" && apiPath === "/v1/healthcheck") return json(res, 200);
    return json(res, 404, { errorCode: "MISSING_RESOURCE" });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => json(res, 500, { errorCode: "INTERNAL_ERROR", errorMessage: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  let tick = 0;
  /** A strictly later instant than every flow's updatedAt (two updates in the same millisecond stay ordered). */
  const later = () => {
    const latest = flows.map((f) => f.updatedAt).sort().at(-1);
    const candidate = now();
    tick++;
    return latest && candidate <= latest ? new Date(Date.parse(latest) + 1).toISOString() : candidate;
  };
  return {
    url: `http://127.0.0.1:${port}/flow-service`,
    directoryUrl: `http://127.0.0.1:${port}/directory-service`,
    token,
    flows,
    invalidRequests,
    deposits,
    directory,
    failNextDeposits(fault, count = 1) {
      for (let i = 0; i < count; i++) faults.push(fault);
    },
    swallowNextDeposit() {
      swallow = true;
    },
    acknowledge(trackingId, status, details) {
      const flow = flows.find((f) => f.flowDirection === "Out" && f.trackingId === trackingId);
      if (!flow) throw new Error(`no flow ${trackingId}`);
      flow.acknowledgement = { status, ...(details ? { details } : {}) };
      flow.updatedAt = later();
    },
    pushStatus(invoiceNumber, status, opts = {}) {
      let xml = officialExample(status);
      const exampleNumber = /<ram:IssuerAssignedID>([^<]+)<\/ram:IssuerAssignedID>/.exec(xml)?.[1] ?? "";
      xml = xml.replaceAll(`>${exampleNumber}<`, `>${invoiceNumber}<`);
      if (opts.reasonCode) xml = xml.replace(/<ram:ReasonCode>[^<]*<\/ram:ReasonCode>/, `<ram:ReasonCode>${opts.reasonCode}</ram:ReasonCode>`);
      if (opts.reason) xml = xml.replace(/<ram:Reason>[^<]*<\/ram:Reason>/, `<ram:Reason>${opts.reason}</ram:Reason>`);
      // The status takes effect now (Paris time), unless the test says when (format 204).
      const at204 = opts.at ?? new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "medium" }).format(new Date()).replace(/\D/g, "");
      xml = xml.replace(/(<rsm:AcknowledgementDocument>[\s\S]*?<udt:DateTimeString format="204">)\d+/, `$1${at204}`);
      const at = later();
      const flow: StoredFlow = {
        flowId: randomUUID(),
        flowDirection: "In",
        flowSyntax: "CDAR",
        flowType: "CustomerInvoiceLC",
        processingRule: "B2B",
        submittedAt: at,
        updatedAt: at,
        acknowledgement: { status: "Ok" },
        file: Buffer.from(xml, "utf8"),
        fileName: `${invoiceNumber}-${status}.xml`,
        contentType: "application/xml",
      };
      flows.push(flow);
      return flow;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
