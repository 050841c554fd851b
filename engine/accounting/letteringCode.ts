/**
 * The lettering code (FEC `EcritureLet`) of the n-th lettered group, n ≥ 1, in bijective base 26:
 * A … Z, AA … AZ, BA … ZZ, AAA… Codes follow the order in which groups were lettered, so a later
 * export keeps the codes an earlier one gave.
 */
export function letteringCode(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`letteringCode: ${n} n'est pas un rang de lettrage (entier ≥ 1)`);
  let code = "";
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) code = String.fromCharCode(65 + ((rest - 1) % 26)) + code;
  return code;
}
