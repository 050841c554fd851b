/** A piece of the user's text found by a slot finder: `start`/`end` index the original text. */
export interface TextSpan {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
}

/** Replaces the spans with spaces (same length), so later finders do not read them twice. */
export function maskSpans(text: string, spans: readonly TextSpan[]): string {
  let out = text;
  for (const span of spans) out = out.slice(0, span.start) + " ".repeat(span.end - span.start) + out.slice(span.end);
  return out;
}
