import { z } from "zod";
import type { Tool } from "./toolDefinition.js";

type JsonSchema = { readonly [key: string]: unknown };

const isSchema = (value: unknown): value is JsonSchema => typeof value === "object" && value !== null && !Array.isArray(value);

/** A short type label for a JSON Schema node: `string`, `integer`, `array<object>`, `"a" | "b"`… */
export function typeLabel(schema: unknown): string {
  if (!isSchema(schema)) return "any";
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" \\| ");
  if ("const" in schema) return JSON.stringify(schema.const);
  const union = (Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : undefined) as unknown[] | undefined;
  if (union) return union.map(typeLabel).join(" \\| ");
  if (schema.type === "array") return `array<${typeLabel(schema.items)}>`;
  if (typeof schema.type === "string") return schema.type;
  if (Array.isArray(schema.type)) return schema.type.join(" \\| ");
  return "any";
}

function fieldsTable(schema: JsonSchema): string[] {
  const properties = isSchema(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const names = Object.keys(properties);
  if (names.length === 0) return ["(aucun champ)"];
  return [
    "| champ | type | obligatoire | description |",
    "|---|---|---|---|",
    ...names.map((name) => {
      const field = properties[name];
      const description = isSchema(field) && typeof field.description === "string" ? field.description.replace(/\|/g, "\\|") : "";
      return `| \`${name}\` | ${typeLabel(field)} | ${required.has(name) ? "oui" : "non"} | ${description} |`;
    }),
  ];
}

function annotationsLine(tool: Tool): string {
  const a = tool.annotations;
  const parts = [`readOnlyHint=${a.readOnlyHint}`];
  if (!a.readOnlyHint) parts.push(`destructiveHint=${a.destructiveHint}`, `idempotentHint=${a.idempotentHint}`);
  parts.push(`openWorldHint=${a.openWorldHint}`);
  return parts.join(", ");
}

/**
 * The tool catalogue in Markdown, generated from the registry's schemas so it cannot drift:
 * name, French title, description, annotations, monetary flag, input and output fields.
 */
export function renderCatalogue(tools: readonly Tool[]): string {
  const out: string[] = [`${tools.length} outils. Les montants sont des chaînes décimales ("1234.50"). Un outil monétaire ne fait que proposer : l'action attend une confirmation humaine.`, ""];
  for (const tool of tools) {
    out.push(
      `### \`${tool.name}\` — ${tool.title}`,
      "",
      tool.description,
      "",
      `- Annotations : ${annotationsLine(tool)}`,
      `- Monétaire : ${tool.monetary ? "oui (confirmation humaine obligatoire)" : "non"}`,
      "",
      "Entrée :",
      "",
      ...fieldsTable(z.toJSONSchema(tool.inputSchema, { target: "draft-7", io: "input" }) as JsonSchema),
      "",
      "Sortie :",
      "",
      ...fieldsTable(z.toJSONSchema(tool.outputSchema, { target: "draft-7", io: "output" }) as JsonSchema),
      "",
    );
  }
  return out.join("\n");
}
