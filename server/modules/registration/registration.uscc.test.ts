/**
 * Property tests of credit-code allocation: every generated code validates (GB 32100 and GB 11714 check
 * characters) and every single-character change of it is rejected; serials never share a code.
 */
import { describe, expect, it } from 'vitest';
import { checkCreditCode, USCC_CHARSET } from '../../../common/credit-code';
import { bodyCharsOf, creditCodeFor } from './registration.uscc';

/** Deterministic pseudo-random serials (mulberry32), so that a failure can be replayed. */
function serials(seed: number, n: number, max: number): number[] {
  let a = seed;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out.push(1 + (((t ^ (t >>> 14)) >>> 0) % max));
  }
  return out;
}

/** Characters a clerk might type instead of the right one: the code's alphabet, the letters it leaves out, symbols. */
const SUBSTITUTES = [...USCC_CHARSET, 'I', 'O', 'S', 'V', 'Z', '-', ' ', '*', '中'];

describe('credit codes of new registrations', () => {
  const sample = [1, 2, 3, 31, 961, 29791, 887_503_681, ...serials(20260511, 300, 887_503_681)];

  it('all validate, with authority 9, the category, the division and an MA body', () => {
    for (const serial of sample) {
      for (const category of ['1', '2', '3']) {
        const code = creditCodeFor('130533', category, serial);
        const r = checkCreditCode(code);
        expect(r.valid, `${serial} → ${code}`).toBe(true);
        expect(r.parts).toMatchObject({ authority: '9', category, division: '130533' });
        expect(r.parts.orgCode.slice(0, 2)).toBe('MA');
      }
    }
  });

  it('rejects every single-character substitution of a generated code', () => {
    for (const serial of sample.slice(0, 120)) {
      const code = creditCodeFor('130533', '1', serial);
      for (let i = 0; i < code.length; i++) {
        for (const ch of SUBSTITUTES) {
          if (ch === code[i]) continue;
          const changed = code.slice(0, i) + ch + code.slice(i + 1);
          expect(checkCreditCode(changed).valid, `${code} → ${changed}`).toBe(false);
        }
      }
    }
  });

  it('never gives two serials the same code (the body is a permutation of the serial)', () => {
    const seen = new Map<string, number>();
    for (let serial = 1; serial <= 50_000; serial++) {
      const body = bodyCharsOf(serial);
      expect(seen.get(body), body).toBeUndefined();
      seen.set(body, serial);
    }
    const random = new Set(sample.map(bodyCharsOf));
    expect(random.size).toBe(new Set(sample).size);
    // Consecutive registrations do not get consecutive codes.
    expect(bodyCharsOf(2)).not.toBe(bodyCharsOf(1).slice(0, 5) + USCC_CHARSET[USCC_CHARSET.indexOf(bodyCharsOf(1)[5]!) + 1]);
  });

  it('refuses serials outside the code space', () => {
    expect(() => bodyCharsOf(0)).toThrow(RangeError);
    expect(() => bodyCharsOf(887_503_682)).toThrow(RangeError);
  });
});
