import { describe, expect, it } from 'vitest';
import { checkIdNumber, idNumberCheckChar } from './id-number';

describe('GB 11643 ID numbers', () => {
  it.each([
    ['11010519491231002X', 'female', '1949-12-31'],
    ['130533198803151233', 'male', '1988-03-15'],
  ])('accepts the standard examples %s', (value, sex, birthDate) => {
    const r = checkIdNumber(value);
    expect(r.valid).toBe(true);
    if (r.valid) {
      expect(r.parts.sex).toBe(sex);
      expect(r.parts.birthDate).toBe(birthDate);
    }
  });

  it('computes the check character per ISO 7064 MOD 11-2', () => {
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(idNumberCheckChar('13053319880315123')).toBe('3');
  });

  it('accepts a lower-case x and surrounding spaces', () => {
    expect(checkIdNumber(' 11010519491231002x ').valid).toBe(true);
  });

  it.each([
    ['1101051949123100', 'ID_NUMBER_FORMAT'],
    ['11010519491231002Y', 'ID_NUMBER_FORMAT'],
    ['99010519491231002X', 'ID_NUMBER_REGION'],
    ['110105194902300021', 'ID_NUMBER_BIRTHDATE'],
    ['110105299901010021', 'ID_NUMBER_BIRTHDATE'],
    ['110105194912310021', 'ID_NUMBER_CHECKSUM'],
  ])('rejects %s with %s', (value, problem) => {
    const r = checkIdNumber(value, new Date('2026-01-01'));
    expect(r).toEqual({ valid: false, problem });
  });

  it('detects every single-digit change of a valid number', () => {
    const valid = '130533198803151235';
    const body = valid.slice(0, 17);
    const full = body + idNumberCheckChar(body);
    expect(checkIdNumber(full).valid).toBe(true);
    for (let i = 0; i < 18; i++) {
      for (const ch of '0123456789X') {
        if (ch === full[i] || (i < 17 && ch === 'X')) continue;
        const changed = full.slice(0, i) + ch + full.slice(i + 1);
        expect(checkIdNumber(changed).valid, changed).toBe(false);
      }
    }
  });
});
