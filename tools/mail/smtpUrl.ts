import { InputError } from "../../engine/errors.js";

/** A parsed SMTP_URL: the URL to use, a form safe to show, and the secrets that must never be shown. */
export interface SmtpUrl {
  readonly url: string;
  /** "smtp://user:***@host:587", safe for logs and errors. */
  readonly redacted: string;
  readonly secrets: readonly string[];
}

/** Parses `smtp://user:password@host:port` or `smtps://…`; the error never repeats the password. */
export function parseSmtpUrl(value: string): SmtpUrl {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError("n'est pas une URL valide (attendu : smtp://utilisateur:motdepasse@hote:port)", { field: "SMTP_URL" });
  }
  if (url.protocol !== "smtp:" && url.protocol !== "smtps:") {
    throw new InputError("doit commencer par smtp:// ou smtps://", { field: "SMTP_URL" });
  }
  if (url.hostname === "") throw new InputError("doit indiquer un serveur", { field: "SMTP_URL" });
  const secrets: string[] = [];
  if (url.password !== "") {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    secrets.push(
      url.password,
      password,
      Buffer.from(password, "utf8").toString("base64"),
      Buffer.from(`\u0000${user}\u0000${password}`, "utf8").toString("base64"),
    );
  }
  const shown = new URL(url.href);
  if (shown.password !== "") shown.password = "***";
  shown.search = "";
  return { url: value, redacted: shown.href.replace(/\/$/, ""), secrets: [...new Set(secrets)].filter((s) => s.length > 0) };
}

/** Replaces every secret in `text` by "***". */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  return secrets.reduce((acc, secret) => acc.split(secret).join("***"), text);
}
