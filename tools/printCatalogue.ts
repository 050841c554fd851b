/**
 * `npm run catalogue`: prints the tool catalogue (Markdown) generated from the registry;
 * `npm run catalogue -- --write` rewrites the README's catalogue section with it.
 */
import { readFile, writeFile } from "node:fs/promises";
import { renderCatalogue } from "./catalogue.js";
import { TOOLS } from "./index.js";
import { withCatalogue } from "./readmeCatalogue.js";

async function main(): Promise<void> {
  if (process.argv.includes("--write")) {
    const readme = new URL("../README.md", import.meta.url);
    await writeFile(readme, withCatalogue(await readFile(readme, "utf8"), TOOLS));
    process.stderr.write("README.md : catalogue mis à jour\n");
    return;
  }
  process.stdout.write(renderCatalogue(TOOLS));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
