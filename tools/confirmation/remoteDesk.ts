import { connect } from "node:net";
import { z } from "zod";
import { InputError, ModelBehaviourError, NotFoundError, RuleError, SystemError, type BillingError } from "../../engine/errors.js";
import { ControlResponseSchema, type ControlRequest } from "../server/controlChannel.js";
import { ActionOutcomeSchema } from "./actionDefinition.js";
import { PendingActionViewSchema, type PendingActionDesk } from "./pendingActionDesk.js";

function rebuild(error: z.infer<typeof ControlResponseSchema> & { ok: false }): BillingError {
  const { type, message, code } = error.error;
  // The message already carries the field prefix: do not pass `field` again.
  switch (type) {
    case "InputError":
      return new InputError(message, { code });
    case "RuleError":
      return new RuleError(message, { code });
    case "NotFoundError":
      return new NotFoundError(message);
    case "ModelBehaviourError":
      return new ModelBehaviourError(message);
    case "SystemError":
      return new SystemError(message, { code });
  }
}

async function call(socketPath: string, request: ControlRequest): Promise<unknown> {
  const raw = await new Promise<string>((resolve, reject) => {
    const socket = connect(socketPath);
    let data = "";
    socket.setEncoding("utf8");
    socket.on("connect", () => socket.write(`${JSON.stringify(request)}\n`));
    socket.on("data", (chunk: string) => (data += chunk));
    socket.on("end", () => resolve(data));
    socket.on("error", (error) =>
      reject(new SystemError(`le serveur facturation ne répond pas sur ${socketPath} : ${error.message}`, { code: "control_channel_unavailable", cause: error })),
    );
  });
  const response = ControlResponseSchema.parse(JSON.parse(raw));
  if (!response.ok) throw rebuild(response);
  return response.value;
}

/** The desk of a running server, through its control socket (used when it holds the data folder). */
export function remoteDesk(socketPath: string): PendingActionDesk {
  return {
    list: async () => z.array(PendingActionViewSchema).parse(await call(socketPath, { op: "list" })),
    show: async (id) => PendingActionViewSchema.parse(await call(socketPath, { op: "show", id })),
    confirm: async (request) =>
      ActionOutcomeSchema.parse(await call(socketPath, { op: "confirm", id: request.actionId, digest: request.digest, confirmer: request.confirmer })),
    decline: async (request) => {
      await call(socketPath, { op: "decline", id: request.actionId, by: request.by });
    },
  };
}
