import { chmodSync, existsSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { join } from "node:path";
import { z } from "zod";
import { BillingError } from "../../engine/errors.js";
import type { PendingActionDesk } from "../confirmation/pendingActionDesk.js";
import { SessionSchema } from "../session.js";

/** The control socket of a running server, in its data folder (PGlite allows one process). */
export const CONTROL_SOCKET_NAME = "control.sock";
export const controlSocketPath = (dataDir: string): string => join(dataDir, CONTROL_SOCKET_NAME);

export const ControlRequestSchema = z.discriminatedUnion("op", [
  z.object({ op: z.literal("list") }),
  z.object({ op: z.literal("show"), id: z.string() }),
  z.object({ op: z.literal("confirm"), id: z.string(), digest: z.string(), confirmer: SessionSchema }),
  z.object({ op: z.literal("decline"), id: z.string(), by: SessionSchema }),
]);
export type ControlRequest = z.infer<typeof ControlRequestSchema>;

export const ControlErrorSchema = z.object({
  type: z.enum(["InputError", "RuleError", "NotFoundError", "ModelBehaviourError", "SystemError"]),
  message: z.string(),
  code: z.string(),
  field: z.string().optional(),
});
export const ControlResponseSchema = z.union([
  z.object({ ok: z.literal(true), value: z.json() }),
  z.object({ ok: z.literal(false), error: ControlErrorSchema }),
]);
export type ControlResponse = z.infer<typeof ControlResponseSchema>;

/**
 * Serves the out-of-band desk on a Unix socket (mode 0600: only the OS account that runs the
 * server) so that `facturation confirm` works while `facturation mcp` / `serve` hold the PGlite
 * data folder. One JSON request per line, one JSON response per line. It is NOT an MCP endpoint:
 * no MCP client, hence no model, is ever connected to it.
 */
export async function listenControlChannel(socketPath: string, desk: PendingActionDesk): Promise<{ close(): Promise<void> }> {
  if (existsSync(socketPath)) rmSync(socketPath, { force: true }); // left by a dead server (the data-folder lock is ours)
  const server: Server = createServer((socket) => {
    let buffer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      buffer += chunk;
      const newline = buffer.indexOf("\n");
      if (newline < 0) return;
      const line = buffer.slice(0, newline);
      buffer = "";
      void answer(desk, line).then((response) => socket.end(`${JSON.stringify(response)}\n`));
    });
    socket.on("error", () => socket.destroy());
  });
  const previous = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socketPath, () => resolve());
    });
  } finally {
    process.umask(previous);
  }
  chmodSync(socketPath, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        rmSync(socketPath, { force: true });
      }),
  };
}

async function answer(desk: PendingActionDesk, line: string): Promise<ControlResponse> {
  try {
    const request = ControlRequestSchema.parse(JSON.parse(line));
    switch (request.op) {
      case "list":
        return { ok: true, value: await desk.list() };
      case "show":
        return { ok: true, value: await desk.show(request.id) };
      case "confirm":
        return { ok: true, value: await desk.confirm({ actionId: request.id, digest: request.digest, confirmer: request.confirmer }) };
      case "decline":
        await desk.decline({ actionId: request.id, by: request.by });
        return { ok: true, value: null };
    }
  } catch (error) {
    if (error instanceof BillingError) {
      const type = ControlErrorSchema.shape.type.safeParse(error.name);
      return {
        ok: false,
        error: { type: type.success ? type.data : "SystemError", message: error.message, code: error.code, ...(error.field ? { field: error.field } : {}) },
      };
    }
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { type: "SystemError", message: `erreur du serveur : ${message}`, code: "control_channel" } };
  }
}
