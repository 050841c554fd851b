import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** The receivables, dunning and payments engine must never turn an amount into a JavaScript number. */
const FOLDERS = ["engine/receivables", "engine/dunning", "engine/payments"];
const FORBIDDEN = [/parseFloat\s*\(/, /\bNumber\s*\(/, /\.toNumber\s*\(/, /\.toFixed\s*\(/, /\.valueOf\s*\(/, /Math\.round\s*\(/];

describe("receivables engine sources", () => {
  it("contain no float conversion of amounts (parseFloat, Number(), toNumber, toFixed, valueOf, Math.round)", () => {
    const offences: string[] = [];
    for (const folder of FOLDERS) {
      for (const file of readdirSync(folder).filter((f) => f.endsWith(".ts"))) {
        const text = readFileSync(join(folder, file), "utf8");
        text.split("\n").forEach((line, i) => {
          for (const re of FORBIDDEN) if (re.test(line)) offences.push(`${folder}/${file}:${i + 1}: ${line.trim()}`);
        });
      }
    }
    expect(offences).toEqual([]);
  });
});
