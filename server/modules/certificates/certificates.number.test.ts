import { describe, expect, it } from 'vitest';
import { composeCertificateNumber, formatCertificateNumber, mod3736CheckChar, normalizeCertificateNumber, typeCodeOf } from './certificates.number';

describe('certificate numbers', () => {
  it('computes ISO 7064 MOD 37,36 check characters', () => {
    // A body plus its check character checks out: the property the hybrid system guarantees.
    for (const body of ['130533', 'A', 'ZZZZ', '13053326XK09900001']) {
      const full = body + mod3736CheckChar(body);
      let p = 36;
      let s = 0;
      for (const ch of full) {
        s = (p + '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'.indexOf(ch)) % 36;
        if (s === 0) s = 36;
        p = (s * 2) % 37;
      }
      // ISO 7064: running the check character through the loop leaves the sum at 1.
      expect(s, full).toBe(1);
    }
  });

  it('composes, formats and reads numbers', () => {
    const n = composeCertificateNumber('130533', 2026, typeCodeOf('WX-XK-099'), 1);
    expect(n).toMatch(/^13053326XK09900001[0-9A-Z]$/);
    const shown = formatCertificateNumber(n);
    expect(shown).toMatch(/^130533-26-XK099-00001-[0-9A-Z]$/);
    expect(normalizeCertificateNumber(shown)).toBe(n);
    expect(normalizeCertificateNumber(shown.toLowerCase())).toBe(n);
  });

  it('rejects every single-character change and every swap of neighbours that changes the number', () => {
    const n = composeCertificateNumber('130533', 2026, 'FW012', 4711);
    const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (let i = 0; i < n.length; i++) {
      for (const ch of chars) {
        if (ch === n[i]) continue;
        expect(normalizeCertificateNumber(n.slice(0, i) + ch + n.slice(i + 1)), `${i}:${ch}`).toBeNull();
      }
      if (i < n.length - 1 && n[i] !== n[i + 1]) {
        const swapped = n.slice(0, i) + n[i + 1] + n[i] + n.slice(i + 2);
        expect(normalizeCertificateNumber(swapped), `swap ${i}`).toBeNull();
      }
    }
  });
});
