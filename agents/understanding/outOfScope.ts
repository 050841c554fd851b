import { z } from "zod";
import type { LexicalFeature } from "./intentLexicon.js";
import { canonicalForm } from "./canonicalForm.js";

/** Why a request is not the billing assistant's job; each reason names who to ask instead. */
export const OutOfScopeReasonSchema = z.enum(["technical_choice", "development", "acceptance_testing", "deployment", "off_topic"]);
export type OutOfScopeReason = z.infer<typeof OutOfScopeReasonSchema>;

const f = (source: string, weight: number): LexicalFeature => ({ pattern: new RegExp(source), weight });

/** Weighted features of each out-of-scope reason, on the same canonical text as the billing intents. */
export const OUT_OF_SCOPE_FEATURES: Readonly<Record<OutOfScopeReason, readonly LexicalFeature[]>> = {
  technical_choice: [
    f(String.raw`\b(?:kubernetes|k8s|docker|aws|azure|gcp|ovh|scaleway|cloud|hebergement|heberger|infra|infrastructure|architecture|microservices?|frameworks?|postgresql|postgres|mongodb|mysql|oracle|redis|stack|technologies?|techno|serverless|react|angular|java|python|licences?)\b`, 3),
    f(String.raw`\b(?:choix|choisir|choisis|choisit|choisissez|opter|migrer|migration|passer sur|passe sur|on passe)\b`, 1.5),
    f(String.raw`\bchoix techniques?\b`, 2),
    f(String.raw`\b(?:la |une |de )base(?: de donnees)?\b`, 1.5),
  ],
  development: [
    f(String.raw`\b(?:implemente|implementer|implementez|developpe|developper|developpez|coder|codez|programmer|refactor\w*|refacto|debug\w*|debogue\w*)\b`, 3.5),
    f(String.raw`^code\b`, 3),
    f(String.raw`\b(?:bug|bugs|bogue|crash|plantage)\b`, 3),
    f(String.raw`\b(?:corrige|corriger|corrigez)\b`, 1.5),
    f(String.raw`\b(?:fonctionnalites?|features?|bouton|ecran|page|formulaire|backoffice|front|frontend|backend|api|module|endpoint|export csv|export pdf|interface|css|html|javascript|typescript|script|git|branche|commit|pull request|merge)\b`, 2.5),
    f(String.raw`\b(?:integre|integrer|integrez)\b`, 1.5),
  ],
  acceptance_testing: [
    f(String.raw`\b(?:tests?|tester|testez|testing|qa|nonregression|non regression|plan de test|cahier de recette)\b`, 3.5),
    f(String.raw`\b(?:lance|lancer|lancez|fais|faire|execute|executer|executez|passe|passer|organise|organiser|planifie)(?: \w+){0,2} (?:recette|tests?|campagne)\b`, 2),
    f(String.raw`\b(?:acceptation|recettage)\b`, 2),
    f(String.raw`\brecette\b`, 1.5),
  ],
  deployment: [
    f(String.raw`\b(?:deploie|deployer|deployez|deploiements?|deploye|release|rollback|cluster|preprod|staging|pipeline|serveurs?|redemarre|redemarrer|redemarrez|hotfix|version \d)\b`, 3.5),
    f(String.raw`\b(?:valide|valider|validez|approuve|approuver|lance|lancer|fais|faire|planifie|go pour)(?: \w+){0,2} (?:la )?(?:mise en (?:production|prod|ligne)|mep)\b`, 4),
    f(String.raw`\bmise en (?:production|prod|ligne)(?: \w+){0,2} (?:ce soir|demain|vendredi|lundi|mardi|mercredi|jeudi|samedi|dimanche|cette nuit|prevue)\b`, 2),
  ],
  off_topic: [
    f(String.raw`\b(?:meteo|temps fera|temps qu il fait|pleuvoir|pluie|neige|blagues?|poemes?|poesie|chansons?|haiku|histoire drole|devinette|match|score|foot|football|restaurant|resto|dejeuner|diner|cuisine|films?|series?|musique|traduis|traduire|traduction|anglais|allemand|espagnol|coupe du monde|linkedin|twitter|instagram|tweet|post|horoscope|vacances|anniversaire|cadeau|qui es tu|sport)\b`, 4),
    f(String.raw`\b(?:ecris|ecrire|compose|composer|redige|rediger)(?: \w+){0,2} (?:un |une )?(?:poeme|chanson|histoire|haiku|post|article|discours|dissertation)\b`, 2),
    f(String.raw`^(?:bonjour|salut|coucou|hello|merci|ca va)\b`, 2),
    f(String.raw`\bca va\b`, 1),
  ],
};

/** Who to ask, for each reason (French, shown to the user). */
const WHO_TO_ASK: Readonly<Record<OutOfScopeReason, string>> = {
  technical_choice:
    "Un choix technique qui change les coûts relève de la direction technique : c'est à elle qu'il faut le demander.",
  development:
    "Réaliser le travail facturable (développement, corrections, nouvelles fonctionnalités) est le rôle des développeurs de l'équipe projet : adressez-vous à eux.",
  acceptance_testing:
    "Les tests de recette sont menés par l'équipe de test (recette) : c'est elle qu'il faut solliciter.",
  deployment:
    "La validation d'un déploiement relève de l'équipe devops (exploitation) : adressez-vous à elle.",
  off_topic:
    "Cette demande ne concerne pas la facturation : adressez-vous à la personne ou au service compétent.",
};

const PREAMBLE = "Je m'occupe uniquement de la facturation, du suivi des paiements et des relances.";

export interface OutOfScopeScore {
  readonly reason: OutOfScopeReason;
  readonly score: number;
}

/** The strongest out-of-scope reason in `text` and its score (score 0 and "off_topic" when none). */
export function scoreOutOfScope(text: string): OutOfScopeScore {
  const canonical = canonicalForm(text);
  let best: OutOfScopeScore = { reason: "off_topic", score: 0 };
  for (const reason of OutOfScopeReasonSchema.options) {
    const score = OUT_OF_SCOPE_FEATURES[reason].reduce((acc, feature) => acc + (feature.pattern.test(canonical) ? feature.weight : 0), 0);
    if (score > best.score) best = { reason, score };
  }
  return best;
}

/** A polite French refusal that says who to ask, e.g. the direction technique for an infrastructure choice. */
export function outOfScopeReply(text: string): string {
  return `${PREAMBLE} ${WHO_TO_ASK[scoreOutOfScope(text).reason]}`;
}
