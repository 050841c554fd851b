import type { Command } from "commander";

/** Commander speaks English; every message a user reads is French. */
const TRANSLATIONS: readonly [RegExp, string][] = [
  [/^error: unknown option '(.+)'(.*)$/s, "erreur : option inconnue « $1 »$2"],
  [/^error: unknown command '(.+)'(.*)$/s, "erreur : commande inconnue « $1 »$2"],
  [/^error: missing required argument '(.+)'/, "erreur : argument obligatoire manquant « $1 »"],
  [/^error: option '(.+)' argument missing/, "erreur : l'option « $1 » attend une valeur"],
  [/^error: required option '(.+)' not specified/, "erreur : l'option « $1 » est obligatoire"],
  [/^error: too many arguments(.*)$/s, "erreur : trop d'arguments$1"],
  [/^error: option '(.+)' argument '(.+)' is invalid\.(.*)$/s, "erreur : l'option « $1 » a une valeur invalide « $2 ».$3"],
];

export function translateCommanderMessage(text: string): string {
  for (const [pattern, replacement] of TRANSLATIONS) {
    if (pattern.test(text)) return text.replace(pattern, replacement).replace("(Did you mean", "(Vouliez-vous dire").replace("?)", " ?)");
  }
  return text.replace(/^error:/, "erreur :");
}

const TITLES: Record<string, string> = {
  "Usage:": "Utilisation :",
  "Options:": "Options :",
  "Commands:": "Commandes :",
  "Arguments:": "Arguments :",
  "Global Options:": "Options générales :",
};

/** Applies French help texts and error messages to a command (sub-commands inherit them). */
export function frenchify(command: Command): Command {
  return command
    .helpOption("-h, --help", "affiche l'aide")
    .helpCommand("help [commande]", "affiche l'aide d'une commande")
    .configureHelp({ styleTitle: (title: string) => TITLES[title] ?? title })
    .configureOutput({ outputError: (text, write) => write(translateCommanderMessage(text)) });
}
