import { INTENT_FEATURES, type LexicalFeature } from "./intentLexicon.js";
import { BillingIntentNameSchema, type BillingIntentName } from "./intentName.js";

export interface IntentScore {
  readonly intent: BillingIntentName;
  readonly score: number;
}

function featureScore(features: readonly LexicalFeature[], canonical: string): number {
  return features.reduce((acc, feature) => acc + (feature.pattern.test(canonical) ? feature.weight : 0), 0);
}

/** Every billing intent's score on one canonical text (or clause), best first; ties keep declaration order. */
export function scoreIntents(canonical: string): IntentScore[] {
  return BillingIntentNameSchema.options
    .map((intent) => ({ intent, score: featureScore(INTENT_FEATURES[intent], canonical) }))
    .sort((a, b) => b.score - a.score);
}
