import { describe, expect, it } from "vitest";
import { InputError } from "../../../engine/errors.js";
import { parseSmtpUrl, redactSecrets } from "../../../tools/mail/smtpUrl.js";

describe("parseSmtpUrl", () => {
  it("masks the password and drops the query in the form shown to people", () => {
    const smtp = parseSmtpUrl("smtps://facturation%40acme.fr:p%40ss%2Fw0rd@smtp.acme.fr:465?pass=other");
    expect(smtp.redacted).toBe("smtps://facturation%40acme.fr:***@smtp.acme.fr:465");
    expect(smtp.secrets).toEqual(expect.arrayContaining(["p%40ss%2Fw0rd", "p@ss/w0rd", Buffer.from("p@ss/w0rd").toString("base64")]));
  });

  it("keeps a URL without credentials as it is", () => {
    expect(parseSmtpUrl("smtp://127.0.0.1:2525").redacted).toBe("smtp://127.0.0.1:2525");
    expect(parseSmtpUrl("smtp://127.0.0.1:2525").secrets).toEqual([]);
  });

  it("refuses what is not an smtp:// or smtps:// URL, without repeating the value", () => {
    expect(() => parseSmtpUrl("pas une url secret123")).toThrow(InputError);
    expect(() => parseSmtpUrl("pas une url secret123")).toThrow("SMTP_URL : n'est pas une URL valide (attendu : smtp://utilisateur:motdepasse@hote:port)");
    expect(() => parseSmtpUrl("https://u:secret123@mail.acme.fr")).toThrow("SMTP_URL : doit commencer par smtp:// ou smtps://");
  });
});

describe("redactSecrets", () => {
  it("replaces every occurrence of every secret", () => {
    expect(redactSecrets("a pw b cHc= c pw", ["pw", "cHc="])).toBe("a *** b *** c ***");
  });
});
