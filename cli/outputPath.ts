import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import { InputError } from "../engine/errors.js";

async function kindOf(path: string): Promise<"file" | "directory" | "absent"> {
  try {
    return (await stat(path)).isDirectory() ? "directory" : "file";
  } catch {
    return "absent";
  }
}

/** Refuses a path whose nearest existing ancestor is a file (the folder could never be created there). */
async function checkAncestors(path: string, flag: string): Promise<void> {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const kind = await kindOf(dir);
    if (kind === "file") throw new InputError(`un élément du chemin « ${path} » (${dir}) est un fichier, pas un dossier : choisissez un autre chemin`, { field: flag, code: "output_not_directory" });
    if (kind === "directory" || dirname(dir) === dir) return;
  }
}

/**
 * Checks, before anything is read or written, that `path` can be the folder a command writes its files into
 * (it is created when absent, by the writer): an existing file there, or a path through a file, is an InputError naming the flag.
 */
export async function checkOutputDirectory(path: string, flag: string): Promise<void> {
  const kind = await kindOf(path);
  if (kind === "file") throw new InputError(`« ${path} » est un fichier, pas un dossier : indiquez un dossier (il est créé s'il n'existe pas)`, { field: flag, code: "output_not_directory" });
  if (kind === "absent") await checkAncestors(path, flag);
}

/** Checks that `path` can be the file a command writes (its folders created when absent): a folder there is refused. */
export async function checkOutputFile(path: string, flag: string): Promise<void> {
  if ((await kindOf(path)) === "directory") {
    throw new InputError(`« ${path} » est un dossier : indiquez le nom du fichier à écrire (par exemple ${path.replace(/\/$/, "")}/FEC.txt)`, { field: flag, code: "output_is_directory" });
  }
  await checkAncestors(path, flag);
}
