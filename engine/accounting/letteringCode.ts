/**
 * The lettering code (FEC `EcritureLet`) of the n-th lettered group, n ≥ 1, in bijective base 26:
 * A … Z, AA … AZ, BA … ZZ, AAA… Codes follow the order in which groups were lettered: an export as of
 * a later date keeps the codes of the groups lettered before, unless one of them was unbalanced again
 * since (a credit note on a settled invoice), which shifts the codes lettered after it.
 */
export function letteringCode(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`letteringCode: ${n} n'est pas un rang de lettrage (entier ≥ 1)`);
  let code = "";
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) code = String.fromCharCode(65 + ((rest - 1) % 26)) + code;
  return code;
}
