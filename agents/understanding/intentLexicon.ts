import type { BillingIntentName } from "./intentName.js";

/**
 * Weighted lexical features of each billing intent. Patterns run on the canonical text of
 * `normalizeText` (lower case, no accents, elisions and hyphens split) after the slot placeholders
 * were put in: `numfacture` (an invoice number), `montant` (an amount in euros), `pourcent`
 * (a percentage), `qte` (time worked: "3 jours", "2,5 h"). An intent's score is the sum of the
 * weights of its matching features.
 */
export interface LexicalFeature {
  readonly pattern: RegExp;
  readonly weight: number;
}

const f = (source: string, weight: number): LexicalFeature => ({ pattern: new RegExp(source), weight });

const PREP_VERB =
  "(?:prepare|prepares|preparer|preparez|prepa|genere|generes|generer|generez|etablis|etablir|etablissez|emets|emettre|emettez|emet|cree|creer|creez|fais|faire|faites|lance|lancer|lancez|edite|editer|editez|sors|sortir|envoie|envoyer|envoyez|produis|calcule|calculer|passe|passer)";
/**
 * Stopping reminders, the stop verb governing the reminder itself: "suspends les relances", "arrête de
 * le relancer", "mets en pause les relances", "ne les relancez plus", "ne relance pas Nexa", "plus de
 * relance pour Kiwi". Not "le chantier est suspendu, relance Nexa" nor "pourquoi ne pas relancer plus tôt".
 */
export const STOP_REMINDERS =
  String.raw`\b(?:suspend(?:s|ez|re|ons)?|arret(?:e|es|ez|er|ons)|cess(?:e|es|ez|er|ons)|stopp(?:e|es|ez|er|ons)|gel(?:e|es|ez|er|ons)|(?:met|mets|mettez|mettre) en pause)` +
  String.raw` (?:de |d )?(?:(?:les|la|le|l|ses|leurs|nos|mes|toutes les|tout|leur|lui) )?(?:relanc\w*|rappels?)\b` +
  String.raw`|\bstop (?:aux|les) relances\b` +
  String.raw`|\b(?:ne|n) (?:(?:le|la|les|l|leur|lui) )?relanc\w* (?:plus|pas|jamais)\b` +
  String.raw`|\bplus (?:de|aucune) relances? (?:pour|a|au|aux|sur|de|du|des)\b`;
const PAID = "(?:paye|payes|payee|payees|payer|paie|paient|payent|regle|regles|reglee|reglees|regler|reglent|verse|vire|honore|honoree)";
const EVENT =
  "(?:atteint|atteinte|atteints|atteintes|valide|validee|validees|valides|franchi|franchie|franchis|termine|terminee|termines|terminees|livre|livree|livres|livrees|accepte|acceptee|acceptees|signe|signee|faite|faites|fait|lieu|recette|recettee|recettees|demarre|demarree|effectue|effectuee|passe|passee)";

export const INTENT_FEATURES: Readonly<Record<BillingIntentName, readonly LexicalFeature[]>> = {
  prepare_invoice: [
    f(String.raw`\b${PREP_VERB}(?: \w+){0,4} (?:factures?|facturation)\b`, 3),
    f(String.raw`^facture (?:le|la|les|l|un|une|des|du|ce|cette|ces|a|au|aux|moi|pour|chez|sur|quoi)\b`, 3.5),
    f(String.raw`\b(?:on|je|tu|nous|vous|faut|peut|peux|pouvez|doit|dois|devons|va|vais|allons|peut on|doit on|faut il)(?: \w+){0,2} factur(?:e|er|ez|ons|era)\b`, 3),
    f(String.raw`\bfactur(?:er|ez|ons)\b`, 2.5),
    f(String.raw`\brefactur\w*`, 3),
    f(String.raw`\bfacture (?:le|la|les) ?$`, 2.5),
    f(String.raw`\bfacture t on\b`, 3),
    f(String.raw`\bfacturables?\b`, 3),
    f(String.raw`\belements de facturation\b`, 3),
    // what is ready to invoice (list_ready_to_invoice)
    f(String.raw`\b(?:pret|prets|prete|pretes) a (?:etre )?factur\w*`, 4),
    f(String.raw`\bbrouillons? (?:de )?factures?\b`, 3),
    f(String.raw`\bacomptes?\b`, 2.5),
    f(String.raw`\bfactures? d acompte\b`, 1),
    f(String.raw`\bsolde\b`, 2),
    f(String.raw`\bfactures? de solde\b`, 1),
    f(String.raw`\bregie\b`, 2.5),
    f(String.raw`\bdevis\b(?: \w+){0,3} (?:signe|accepte|valide)\b|\b(?:signe|accepte) (?:le |un )?devis\b`, 2.5),
    f(String.raw`\bfactur\w* groupee?s?\b`, 2),
    f(String.raw`\bfin de mois\b`, 1),
    f(String.raw`\b(?:maintenance|prestations?|phase|etape|echeance de demarrage)\b`, 0.5),
  ],
  record_milestone: [
    f(String.raw`\bjalons?\b`, 3),
    f(
      String.raw`\b(?:maquettes?|livraison|recette|conception|lancement|demarrage|mise en (?:production|prod)|signature|specifications?|phase|etape|projet|chantier|livrable)\b(?: \w+){0,5} (?:est|sont|a ete|ont ete|a eu|ont eu|etait|bien|a|ont) (?:\w+ )?${EVENT}\b`,
      3,
    ),
    f(String.raw`\b(?:atteinte?s?|franchie?s?|validees|acceptee|recettee|livree)\b`, 1),
    f(String.raw`\ba (?:valide|accepte|signe|recette|livre|termine|franchi|atteint) (?:la |les |le |l )?\w+`, 1.5),
  ],
  record_time: [
    f(String.raw`\bqte\b`, 2.5),
    f(String.raw`\b(?:ajoute|ajouter|ajoutez|saisis|saisir|saisissez|enregistre|enregistrer|enregistrez|note|noter|compte|impute|imputer|declare|declarer|rajoute|mets|mettre)(?: \w+){0,2} qte\b`, 1.5),
    f(String.raw`\bqte (?:de |d )?(?:\w+ )?(?:dev|developpement|conseil|formation|support|regie|prestation|maintenance|audit|gestion|travail|integration|analyse|design|coaching|assistance|expertise)\b`, 1),
    f(String.raw`\b(?:temps passe|feuilles? de temps|timesheets?|cra)\b`, 2.5),
  ],
  record_progress: [
    f(String.raw`\bavancement\b`, 3),
    f(String.raw`\blots?\b`, 1.5),
    f(String.raw`\bsituation (?:numero|n|de travaux|\d)`, 2),
    f(String.raw`\b(?:prepare|genere|etablis|facture|emets|fais) (?:la |une )?situation\b`, 2.5),
    f(String.raw`\bchantier\b`, 1.5),
    f(String.raw`\bpourcent\b`, 0.5),
  ],
  issue_credit_note: [
    f(String.raw`\b(?:un|l|cet|d|le|en|mon|votre|faire|fais|emets|emettre|etablis|genere|prepare) avoirs?\b`, 3.5),
    f(String.raw`^avoir\b`, 3.5),
    f(String.raw`\bavoir (?:de|total|partiel|sur)\b`, 3),
    f(String.raw`\b(?:remise|geste) commerciale?\b`, 2),
    f(String.raw`\bannul(?:e|er|ez)(?: \w+){0,2} (?:facture|numfacture)\b`, 3),
    f(String.raw`\bavoirs?\b`, 0.5),
  ],
  billing_status: [
    f(String.raw`\breste(?: t il)?(?: \w+){0,2} a factur(?:er|e)\b`, 4),
    f(String.raw`\b(?:deja|entierement|totalement|completement)(?: \w+){0,3} factur(?:e|ee|es)\b`, 3.5),
    f(String.raw`\b(?:a|ont|avons|avez|on a|a ete|ont ete) (?:deja )?factur(?:e|ee|es)\b`, 3),
    f(String.raw`\ba facturer\b`, 1.5),
    f(String.raw`\bou en est la facturation\b`, 3),
    f(String.raw`\bmontant facture\b`, 2),
    // the plan: what is next to invoice on a project
    f(String.raw`\b(?:prochaine?s?|suivante?s?) (?:echeances?|jalons?|etapes?) (?:de (?:la )?facturation|a facturer)\b`, 4.5),
    f(String.raw`\bech(?:eancier|eances?) de facturation\b`, 2),
  ],
  month_end_realized: [
    f(String.raw`\b(?:le|du|au) realise\b`, 3),
    f(String.raw`\brealise (?:d|de|du)\b`, 1),
    f(String.raw`\bfin de mois\b`, 1),
  ],
  abandonment: [
    f(String.raw`\b(?:abandonn(?:e|er|ee|es|ent)|abandon|lache|arrete|quitte|interrompu|interrompt|demissionne|decroche)\b`, 2.5),
    f(String.raw`\b(?:beneficiaires?|stagiaires?|apprenants?|participants?|candidats?|mme|madame|monsieur|m)\b`, 1),
    f(String.raw`\bformation\b`, 1),
  ],
  payment_status: [
    f(String.raw`\bpaiements?\b`, 2),
    f(String.raw`\b${PAID}\b`, 2),
    f(String.raw`\breglements?\b`, 2),
    f(String.raw`\bencaiss\w*\b`, 2),
    f(String.raw`\bou en (?:sont|est)\b`, 1.5),
    f(String.raw`\bou en (?:sont|est) (?:les |la |le |nos |mes )?(?:paiements?|factures?|reglements?|encaissements?|impayes)\b`, 3),
    f(String.raw`\betat (?:des|du|de nos) (?:paiements?|reglements?|factures?|encaissements?|creances?)\b`, 2),
    f(String.raw`\b(?:nous doit|nous doivent|doit encore|doivent encore|reste du|reste a payer|reste a encaisser|nous devons recevoir)\b`, 3),
    f(String.raw`\b(?:encours|creances?)\b`, 2.5),
    f(String.raw`\bpartiellement\b`, 1),
    f(String.raw`\btresorerie\b`, 2.5),
    f(String.raw`\bcombien (?:\w+ ){0,3}encaiss\w*`, 2),
    f(String.raw`\bpoint sur (?:les |la |nos )?(?:paiements?|encaissements?|creances?|tresorerie|impayes|reglements?)\b`, 1.5),
    f(String.raw`\b(?:statut|etat|situation) (?:de |du |des )?(?:la |le |l )?(?:facture )?numfacture\b`, 3),
    f(String.raw`\b(?:a|ont|est|sont|a t elle|a t il|ont ils|ont elles|on a)(?: ete)? ${PAID}\b`, 1.5),
    // disputes are part of the follow-up of an invoice
    f(String.raw`\b(?:litiges?|contest(?:e|ent|ee|ation|ations)?|conteste)\b`, 4),
    // stopping the reminders of an invoice is putting it on hold (a dispute), not a reminder to write
    f(String.raw`${STOP_REMINDERS}`, 4),
    // invoices listed by their state
    f(String.raw`\b(?:quelles?|liste|lister|combien de|montre|affiche)(?: \w+){0,3} factures?(?: \w+){0,3} (?:brouillons?|emises?|payees?|annulees?|ouvertes?|en attente)\b`, 3.5),
    // revenue invoiced or collected over a period
    f(String.raw`\bchiffre d affaires\b`, 3),
  ],
  overdue_list: [
    f(String.raw`\bretards?\b`, 3),
    f(String.raw`\ben retard\b`, 1),
    f(String.raw`\b(?:echues?|echus)\b`, 3),
    f(String.raw`\bimpaye(?:e|es|s)?\b`, 3),
    f(String.raw`\balertes?\b`, 2),
  ],
  due_soon: [
    f(String.raw`\becheances?\b`, 2),
    f(String.raw`\b(?:arrive|arrivent|tombe|tombent|arriver|arrivant|viennent|vient) (?:\w+ )?(?:a )?echeance\b`, 2),
    f(String.raw`\b(?:tombent|tombe|echoient|echoit|exigibles?|a echoir)\b`, 1.5),
    f(String.raw`\b(?:a venir|prochains? jours|semaine prochaine|cette semaine|d ici|dans \d+ jours)\b`, 1),
  ],
  dso: [
    f(String.raw`\bdso\b`, 5),
    f(String.raw`\bdelais? (?:moyens? )?(?:de )?(?:paiement|reglement|encaissement)\b`, 4),
    f(String.raw`\b(?:retard|delai) moyen\b`, 4.5),
  ],
  aging: [
    f(String.raw`\bbalance agee\b`, 5),
    f(String.raw`\banciennete\b`, 4),
    f(String.raw`\bagee?s?\b`, 1.5),
    f(String.raw`\bpar tranches?\b`, 1.5),
  ],
  unpaid_over: [],
  record_payment: [
    f(String.raw`\b(?:vire|virement|virements|cheque|cheques|encaisse|encaissement|recu|recus|reception|versement|verse|prelevement)\b`, 2.5),
    f(String.raw`\b(?:a|ont) (?:paye|regle|verse|vire|envoye) montant\b`, 3.5),
    f(String.raw`\b(?:enregistre|enregistrer|enregistrez|saisis|saisir|note|noter|pointe|pointer|affecte|affecter|impute|lettre)(?: \w+){0,3} (?:reglement|paiement|virement|cheque|encaissement|versement)\b`, 3.5),
    f(String.raw`\b(?:paye|regle|payee|reglee|recu|recus|vire) montant\b|\bmontant (?:recu|recus|encaisse|vire|verse)\b`, 3),
    f(String.raw`\b(?:recevoir|encaisser|toucher|touche|arrive|arrivee) montant\b`, 3),
    f(String.raw`^(?:combien|quel|quels|quelle|quelles|liste|montre|affiche)\b`, -3),
  ],
  reconcile_bank: [
    f(String.raw`\b(?:rapproche|rapprocher|rapprochez|rapprochement|lettrage|lettrer)\b`, 5),
    f(String.raw`\breleves? (?:bancaires?|de compte|de banque)\b`, 3),
    f(String.raw`\bbancaires?\b`, 1.5),
  ],
  recovery_rate: [
    f(String.raw`\btaux de recouvrement\b`, 5),
    f(String.raw`\brecouvrement\b`, 3),
  ],
  client_not_paid: [
    f(String.raw`\b(?:n|ne)(?: \w+){0,4} (?:pas|jamais|plus|rien)(?: \w+){0,2} ${PAID}\b`, 6),
    f(String.raw`\b(?:n|ne) (?:\w+ ){0,2}${PAID} (?:pas|jamais|plus|rien|toujours pas)\b`, 6),
    f(String.raw`\btoujours rien (?:recu|eu|vu|encaisse|touche)\b`, 6),
    f(String.raw`\btoujours (?:impaye\w*|pas (?:paye|regle)\w*|en attente de (?:paiement|reglement))\b`, 5.5),
    f(String.raw`\btrainen?t? a (?:payer|regler)\b`, 6),
    f(String.raw`\bil faut (?:reagir|faire quelque chose|agir)\b`, 2),
    f(String.raw`\b(?:pas|aucun) (?:de |d )?(?:paiement|reglement|virement|versement|cheque)\b`, 5.5),
    f(String.raw`^(?:quelles?|quels?|combien|liste|lesquelles|lesquels|montre|affiche)\b`, -4),
  ],
  draft_reminder: [
    f(String.raw`${STOP_REMINDERS}`, -8),
    f(String.raw`\brelanc(?:e|er|ez|es|ons)\b`, 4),
    f(String.raw`\brappel(?:s|er|le|ez)?\b`, 2.5),
    f(String.raw`\b(?:mise|mettre|mets|mettez|met)(?: \w+){0,3} en demeure\b`, 5),
    f(String.raw`\bdemeure\b`, 2),
    f(String.raw`\bemail\b`, 2),
    f(String.raw`\b(?:courrier|lettre)\b`, 1.5),
    f(String.raw`\b(?:cordial|cordiale|courtois|courtoise|ferme|formel|formelle|sympa|amical|amicale|poli|polie|severe)\b`, 1.5),
    f(String.raw`\br[123]\b`, 3),
    f(String.raw`\b(?:redige|rediger|redigez|ecris|ecrire|ecrivez)\b`, 1),
    f(String.raw`\b(?:envoie|envoyer|envoyez|prepare|preparer|preparez|redige|rediger|redigez|fais|faire|ecris|ecrire)(?: \w+){0,2} (?:rappel|relance|email|courrier|lettre)s?\b`, 2),
    f(String.raw`\b(?:rappel|relance) (?:avant|d avant) (?:l )?echeance\b|\bpre ?relance\b`, 1.5),
    f(String.raw`^relanc\w*`, 1.5),
    f(String.raw`^rappel\w*`, 1.5),
    f(String.raw`\brappell?e(?:r|z)? (?:a|au|aux)\b`, 2),
  ],
  reminder_history: [
    f(String.raw`${STOP_REMINDERS}`, -8),
    f(String.raw`\brelanc\w*`, 3),
    f(String.raw`\bhistorique\b`, 3),
    f(String.raw`\b(?:deja|derniere fois|quand)(?: \w+){0,4} relanc\w*`, 3),
    f(String.raw`\brelances?(?: \w+){0,3} (?:envoyee?s?|parties?)\b`, 3),
    f(String.raw`\b(?:dernier|derniers|derniere) (?:email|relance|rappel)s?\b`, 2),
  ],
  send_reminder: [
    f(
      String.raw`\b(?:envoie|envoyer|envoyez|expedie|expedier)(?: \w+){0,2} (?:le|la|les|ce|cette|ces) (?:email|relance|rappel|mise en demeure|courrier)s?(?: \w+){0,2} (?:prepare|preparee|preparees|prepares|en attente|brouillon|redige|redigee)\b`,
      9,
    ),
  ],
};

/** Words the typo tolerance may correct towards (a token one or two edits away becomes the word). */
export const LEXICON_VOCABULARY: readonly string[] = [
  "facture", "factures", "facturer", "facturez", "facturation", "facturable", "prepare", "preparer", "genere", "jalon",
  "atteint", "acompte", "solde", "regie", "avancement", "situation", "avoir", "remise", "commerciale", "annuler",
  "reste", "realise", "abandonne", "beneficiaire", "stagiaire", "formation", "paiement", "paiements", "payee", "payees",
  "reglee", "reglees", "reglement", "reglements", "encaissement", "encaissements", "retard", "retards", "echeance",
  "echeances", "echues", "impaye", "impayes", "impayee", "impayees", "alertes", "balance", "anciennete", "creances",
  "virement", "cheque", "rapproche", "rapprochement", "releve", "bancaire", "recouvrement", "relance", "relances",
  "relancer", "rappel", "demeure", "cordial", "courtois", "historique", "maquettes", "livraison", "production",
  "validees", "enregistre", "paient",
];
