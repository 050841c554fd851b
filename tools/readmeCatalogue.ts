import { renderCatalogue } from "./catalogue.js";
import type { Tool } from "./toolDefinition.js";

export const CATALOGUE_START = "<!-- catalogue:start -->";
export const CATALOGUE_END = "<!-- catalogue:end -->";

/** The README with its catalogue section (between the markers) regenerated from the tools' schemas. */
export function withCatalogue(readme: string, tools: readonly Tool[]): string {
  const start = readme.indexOf(CATALOGUE_START);
  const end = readme.indexOf(CATALOGUE_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${CATALOGUE_START} … ${CATALOGUE_END} section`);
  return `${readme.slice(0, start + CATALOGUE_START.length)}\n\n${renderCatalogue(tools).trim()}\n\n${readme.slice(end)}`;
}
