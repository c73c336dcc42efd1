/**
 * Resident identity number (公民身份号码) per GB 11643-1999.
 *
 * 18 characters: 6-digit address code, 8-digit birth date, 3-digit sequence (odd for men, even for women)
 * and one check character computed by ISO 7064 MOD 11-2.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level prefixes of GB/T 2260 that an address code may start with. */
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43',
  '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83', '91',
]);

export type IdNumberProblem = 'ID_NUMBER_FORMAT' | 'ID_NUMBER_REGION' | 'ID_NUMBER_BIRTHDATE' | 'ID_NUMBER_CHECKSUM';

export interface IdNumberParts {
  region: string;
  birthDate: string;
  sequence: string;
  sex: 'male' | 'female';
  check: string;
}

/** The check character (0-9 or X) for the first 17 characters. */
export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Validates an 18-character ID number; `today` bounds the birth date. */
export function checkIdNumber(
  raw: string,
  today: Date = new Date(),
): { valid: true; parts: IdNumberParts } | { valid: false; problem: IdNumberProblem } {
  const value = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(value)) return { valid: false, problem: 'ID_NUMBER_FORMAT' };
  if (!PROVINCE_PREFIXES.has(value.slice(0, 2))) return { valid: false, problem: 'ID_NUMBER_REGION' };
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const isRealDate = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!isRealDate || y < 1900 || birth.getTime() > today.getTime()) {
    return { valid: false, problem: 'ID_NUMBER_BIRTHDATE' };
  }
  if (idNumberCheckChar(value.slice(0, 17)) !== value[17]) return { valid: false, problem: 'ID_NUMBER_CHECKSUM' };
  return {
    valid: true,
    parts: {
      region: value.slice(0, 6),
      birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
      sequence: value.slice(14, 17),
      sex: Number(value[16]) % 2 === 1 ? 'male' : 'female',
      check: value[17]!,
    },
  };
}

export function isValidIdNumber(raw: string): boolean {
  return checkIdNumber(raw).valid;
}
