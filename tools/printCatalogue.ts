/** `npm run catalogue`: prints the tool catalogue (Markdown) generated from the registry. */
import { renderCatalogue } from "./catalogue.js";
import { TOOLS } from "./index.js";

async function main(): Promise<void> {
  process.stdout.write(renderCatalogue(TOOLS));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
