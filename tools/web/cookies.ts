/** The cookies of a request (`Cookie` header), by name; a malformed pair is ignored. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (/^[A-Za-z0-9_-]+$/.test(name) && /^[A-Za-z0-9_-]*$/.test(value) && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/**
 * A `Set-Cookie` value: always HttpOnly, SameSite=Strict and Path=/ (the workspace's cookies are never
 * read by script nor sent by another site's page); `maxAgeSeconds` 0 deletes it. Served over plain HTTP on
 * loopback, so not `Secure` (a browser would then drop it); behind a TLS proxy the proxy adds it.
 */
export function serializeCookie(name: string, value: string, maxAgeSeconds: number): string {
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}`;
}
