import { createInterface } from "node:readline";
import type { Command } from "commander";
import { z } from "zod";
import { InputError } from "../../engine/errors.js";
import { defaultRouter } from "../../agents/orchestrator/defaultRouter.js";
import type { Router } from "../../agents/understanding/router.js";

const RouteRequestLineSchema = z.object({ text: z.string() });

/**
 * `facturation route "<texte>"` prints the routing decision `{"agents":[...]}`;
 * `facturation route --jsonl` reads one `{"text": …}` per line of stdin and prints one decision per
 * line, in order. A bad line stops before anything is printed, naming the line (exit 2).
 * `makeRouter` is the seam: the Claude router when ANTHROPIC_API_KEY is set, the offline router otherwise.
 */
export function registerRoute(program: Command, makeRouter: () => Router = () => defaultRouter()): void {
  program
    .command("route")
    .description("affiche les agents qui traiteraient une demande (liste vide : hors périmètre)")
    .argument("[texte]", "la demande, en français")
    .option("--jsonl", "lit une demande {\"text\": …} par ligne sur l'entrée standard")
    .action(async (text: string | undefined, options: { jsonl?: boolean }) => {
      const router = makeRouter();
      if (options.jsonl) {
        if (text !== undefined) throw new InputError("donnez soit un texte, soit --jsonl, pas les deux", { field: "route" });
        const requests = await readJsonlRequests();
        for (const request of requests) process.stdout.write(`${JSON.stringify(await router.route(request))}\n`);
        return;
      }
      if (text === undefined || text.trim() === "") throw new InputError("indiquez la demande entre guillemets, ou utilisez --jsonl", { field: "texte" });
      process.stdout.write(`${JSON.stringify(await router.route(text))}\n`);
    });
}

async function readJsonlRequests(): Promise<string[]> {
  const texts: string[] = [];
  let lineNumber = 0;
  for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError("JSON invalide (attendu : {\"text\": \"…\"})", { field: `ligne ${lineNumber}` });
    }
    const parsed = RouteRequestLineSchema.safeParse(value);
    if (!parsed.success) throw new InputError("le champ « text » (texte de la demande) est absent ou n'est pas du texte", { field: `ligne ${lineNumber}` });
    texts.push(parsed.data.text);
  }
  return texts;
}
