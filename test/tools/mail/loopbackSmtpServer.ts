import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  readonly envelopeFrom: string;
  readonly envelopeTo: readonly string[];
  readonly raw: Buffer;
  readonly parsed: ParsedMail;
  readonly user: string | undefined;
  /** The connection was upgraded to TLS before the message. */
  readonly secure: boolean;
}

export interface LoopbackSmtpServer {
  readonly port: number;
  readonly received: ReceivedMail[];
  /** Every AUTH attempt seen by the server (username, password). */
  readonly authAttempts: { username: string | undefined; password: string | undefined }[];
  close(): Promise<void>;
}

/**
 * A real SMTP server (smtp-server) on 127.0.0.1, random port, plain or STARTTLS with a self-signed certificate. With `credentials`, AUTH is required
 * and only those credentials are accepted (a hostile server may echo the password it refused); every message received is parsed with mailparser.
 */
export async function startLoopbackSmtpServer(
  credentials?: { user: string; password: string },
  options: { echoPasswordOnFailure?: boolean; starttls?: boolean } = {},
): Promise<LoopbackSmtpServer> {
  const received: ReceivedMail[] = [];
  const authAttempts: { username: string | undefined; password: string | undefined }[] = [];
  const server = new SMTPServer({
    secure: false,
    // With `starttls`, smtp-server offers STARTTLS with its built-in self-signed certificate.
    hideSTARTTLS: !options.starttls,
    allowInsecureAuth: true,
    authOptional: credentials === undefined,
    disableReverseLookup: true,
    logger: false,
    onAuth(auth, _session, callback) {
      authAttempts.push({ username: auth.username ?? undefined, password: auth.password ?? undefined });
      if (credentials && auth.username === credentials.user && auth.password === credentials.password) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error(options.echoPasswordOnFailure ? `Mot de passe ${auth.password ?? ""} refusé` : "Identifiants refusés"));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            received.push({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
              user: typeof session.user === "string" ? session.user : undefined,
              secure: session.secure,
            });
            callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    authAttempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
