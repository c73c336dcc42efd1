import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, maskSubjectNumber } from './mask';

describe('masking personal data', () => {
  it('masks ID numbers, phones and names', () => {
    expect(maskIdNumber('130533198803151235')).toBe('1305**********1235');
    expect(maskPhone('13903190014')).toBe('139****0014');
    expect(maskPhone('0319-6128001')).toBe('0319-***8001');
    expect(maskName('张明')).toBe('张*');
    expect(maskName('欧阳建国')).toBe('欧***');
  });
  it('leaves empty values and public credit codes alone', () => {
    expect(maskIdNumber(null)).toBeNull();
    expect(maskPhone('')).toBe('');
    expect(maskSubjectNumber('91350100M000100Y43', 'enterprise')).toBe('91350100M000100Y43');
    expect(maskSubjectNumber('130533198803151235', 'person')).toBe('1305**********1235');
  });
});
