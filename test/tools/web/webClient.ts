/**
 * A person's browser as plain HTTP (no script): a cookie jar, the sign-in form, the workspace's
 * forms with their hidden fields. For the tests that do not need Chromium.
 */
export interface WebClient {
  readonly origin: string;
  get(path: string): Promise<{ status: number; body: string; location: string | null; headers: Headers }>;
  /** POSTs a form like the browser would (same Origin), unless `origin` says otherwise (null: no Origin header). */
  post(path: string, fields: Record<string, string>, options?: { origin?: string | null }): Promise<{ status: number; body: string; location: string | null }>;
  readonly cookies: Map<string, string>;
}

export function webClient(origin: string): WebClient {
  const cookies = new Map<string, string>();
  const cookieHeader = () => [...cookies.entries()].map(([k, v]) => `${k}=${v}`).join("; ");
  const keep = (headers: Headers) => {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (/Max-Age=0/.test(line)) cookies.delete(name);
      else cookies.set(name, value);
    }
  };
  return {
    origin,
    cookies,
    async get(path) {
      const res = await fetch(origin + path, { redirect: "manual", headers: { cookie: cookieHeader() } });
      keep(res.headers);
      return { status: res.status, body: await res.text(), location: res.headers.get("location"), headers: res.headers };
    },
    async post(path, fields, options = {}) {
      const headers: Record<string, string> = { cookie: cookieHeader(), "content-type": "application/x-www-form-urlencoded" };
      const sentOrigin = options.origin === undefined ? origin : options.origin;
      if (sentOrigin !== null) headers.origin = sentOrigin;
      const res = await fetch(origin + path, { method: "POST", redirect: "manual", headers, body: new URLSearchParams(fields).toString() });
      keep(res.headers);
      return { status: res.status, body: await res.text(), location: res.headers.get("location") };
    },
  };
}

/** The value of a hidden (or any) input named `name` in a page. */
export function inputValue(html: string, name: string): string {
  const match = html.match(new RegExp(`name="${name}" value="([^"]*)"`));
  if (!match) throw new Error(`no input ${name} in the page`);
  return match[1]!;
}

/** Signs in with a personal token through the sign-in form; returns the client, signed in. */
export async function signedIn(origin: string, token: string): Promise<WebClient> {
  const client = webClient(origin);
  const page = await client.get("/connexion");
  const res = await client.post("/connexion", { jeton_formulaire: inputValue(page.body, "jeton_formulaire"), jeton: token, suite: "/tableau-de-bord" });
  if (res.status !== 303) throw new Error(`sign-in refused: ${res.status}`);
  return client;
}

/** The text of an element with `data-<attribute>` (tags stripped, entities of the pages decoded). */
export function textOf(html: string, attribute: string): string {
  const match = html.match(new RegExp(`<[^>]*${attribute}[^>]*>([\\s\\S]*?)</`));
  if (!match) throw new Error(`no element with ${attribute}`);
  return decodeEntities(match[1]!.replace(/<[^>]+>/g, "")).trim();
}

export const decodeEntities = (s: string) =>
  s.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&#x3D;/g, "=").replace(/&#x60;/g, "`").replace(/&amp;/g, "&");
