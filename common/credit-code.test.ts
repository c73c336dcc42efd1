import { describe, expect, it } from 'vitest';
import { checkCreditCode, composeCreditCode, creditCodeCheckChar, orgCodeCheckChar, USCC_CHARSET } from './credit-code';

describe('GB 32100 unified social credit codes', () => {
  it('accepts published real codes', () => {
    // Codes printed on public business licences.
    for (const code of ['91350100M000100Y43', '91110000802100433B', '914403001922038216']) {
      expect(checkCreditCode(code), code).toMatchObject({ valid: true });
    }
  });

  it('splits a code into its parts', () => {
    const r = checkCreditCode('91350100M000100Y43');
    expect(r.parts).toEqual({ authority: '9', category: '1', division: '350100', orgCode: 'M000100Y4', check: '3' });
  });

  it('computes the GB 11714 organisation-code check character', () => {
    // The worked example of GB 11714: D2143569-X.
    expect(orgCodeCheckChar('D2143569')).toBe('X');
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
  });

  it('composes valid codes for the county', () => {
    const code = composeCreditCode('9', '1', '130533', 'MA0CX7P1');
    expect(code).toHaveLength(18);
    expect(checkCreditCode(code).valid).toBe(true);
  });

  it.each([
    ['91350100M000100Y4', 'USCC_FORMAT'],
    ['91350100M000100Y4I', 'USCC_FORMAT'],
    ['Z1350100M000100Y43', 'USCC_FORMAT'],
    ['B1350100M000100Y43', 'USCC_AUTHORITY'],
    ['94350100M000100Y43', 'USCC_CATEGORY'],
    ['91350100M000100Y53', 'USCC_ORG_CHECKSUM'],
    ['91350100M000100Y44', 'USCC_CHECKSUM'],
  ])('rejects %s with %s', (code, problem) => {
    expect(checkCreditCode(code)).toMatchObject({ valid: false, problem });
  });

  it('rejects every single-character change of generated codes', () => {
    const bodies = ['MA0CX7P1', '00000001', 'ABCDEFGH', '12345678', 'XY000099'];
    for (const body of bodies) {
      const code = composeCreditCode('9', '2', '130533', body);
      expect(checkCreditCode(code).valid).toBe(true);
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
      for (let i = 0; i < 18; i++) {
        for (const ch of USCC_CHARSET) {
          if (ch === code[i]) continue;
          const changed = code.slice(0, i) + ch + code.slice(i + 1);
          expect(checkCreditCode(changed).valid, changed).toBe(false);
        }
      }
    }
  });
});
