/**
 * Allocation of new Unified Social Credit Codes (GB 32100-2015). The nine-character body (主体标识码) of a new
 * code is 'MA' + six characters of the code's character set + its GB 11714 check character, as registration
 * authorities assign new codes since 2015; the six characters come from a per-region counter through a
 * permutation, so that codes never repeat and consecutive registrations do not get consecutive codes.
 */
import { composeCreditCode, USCC_CHARSET } from '../../../common/credit-code';
import { REGISTRATION_AUTHORITY } from '../../../common/registration';

const BASE = USCC_CHARSET.length; // 31
const SPACE = BASE ** 6; // 887 503 681 codes per region and category
/** Multiplier of the permutation: coprime with 31^6 (not a multiple of 31), so n ↦ (A·n + B) mod 31^6 is a bijection. */
const A = 387_420_489; // 3^18
const B = 123_456_789;

/** The six characters for serial n (1-based): a bijection of [1, 31^6] onto the six-character strings. */
export function bodyCharsOf(serial: number): string {
  if (!Number.isSafeInteger(serial) || serial < 1 || serial > SPACE) throw new RangeError(`serial out of range: ${serial}`);
  // BigInt: A·n exceeds 2^53.
  let v = Number((BigInt(A) * BigInt(serial) + BigInt(B)) % BigInt(SPACE));
  let out = '';
  for (let i = 0; i < 6; i++) {
    out = USCC_CHARSET[v % BASE]! + out;
    v = Math.floor(v / BASE);
  }
  return out;
}

/** The full credit code of the serial-th registration of a region in an entity category. */
export function creditCodeFor(division: string, category: string, serial: number): string {
  return composeCreditCode(REGISTRATION_AUTHORITY, category, division, `MA${bodyCharsOf(serial)}`);
}
