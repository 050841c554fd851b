/**
 * Runs the fake Plateforme Agréée on its own (for a person trying `facturation pa send` by hand, and the
 * CLI tests): prints one JSON line { url, directoryUrl, token, control } on stdout, then serves until killed.
 * `control` is a loopback URL: POST /status {invoice, status, reason?} pushes a status, GET /flows lists them.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { startFakePlatform } from "./fakePlatform.js";

const pa = await startFakePlatform(process.env.FAKE_PA_TOKEN ? { token: process.env.FAKE_PA_TOKEN } : {});
const control = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    if (req.method === "POST" && req.url === "/status") {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { invoice: string; status: "202" | "207" | "210" | "211" | "213"; reason?: string };
      const flow = pa.pushStatus(body.invoice, body.status, body.reason ? { reason: body.reason } : {});
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ flowId: flow.flowId }));
      return;
    }
    if (req.method === "POST" && req.url === "/ack") {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { trackingId: string; status: "Ok" | "Error" };
      pa.acknowledge(body.trackingId, body.status);
      res.writeHead(200).end("{}");
      return;
    }
    const flows = pa.flows.map(({ file: _f, ...rest }) => rest);
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ flows, deposits: pa.deposits, invalidRequests: pa.invalidRequests }));
  });
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
process.stdout.write(`${JSON.stringify({ url: pa.url, directoryUrl: pa.directoryUrl, token: pa.token, control: `http://127.0.0.1:${(control.address() as AddressInfo).port}` })}\n`);
