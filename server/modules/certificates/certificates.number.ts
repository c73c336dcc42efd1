/**
 * Certificate numbers, after the identifier of GB/T 36904 (电子证照标识): who issued it (the division code),
 * when (year), what kind (the certificate type code, from the item), a serial, and a check character so that a
 * mistyped number is recognised before any lookup.
 *
 *   130533 26 XK099 00001 K  →  displayed 130533-26-XK099-00001-K
 */

const CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** ISO/IEC 7064 MOD 37,36 (hybrid system) over digits and capitals. */
export function mod3736CheckChar(body: string): string {
  let p = 36;
  for (const ch of body) {
    const value = CHARS.indexOf(ch);
    if (value < 0) throw new Error(`character ${ch} not allowed`);
    let s = (p + value) % 36;
    if (s === 0) s = 36;
    p = (s * 2) % 37;
  }
  // The check character a makes (p + a) mod 36 = 1.
  return CHARS[(((1 - p) % 36) + 36) % 36]!;
}

/** The type code of an item's certificate: WX-XK-099 → XK099, WX-FW-012 → FW012. */
export function typeCodeOf(itemCode: string): string {
  const m = /^[A-Z]{2}-([A-Z]{2})-(\d{3})$/.exec(itemCode);
  if (!m) throw new Error(`not an item code: ${itemCode}`);
  return `${m[1]}${m[2]}`;
}

export function composeCertificateNumber(regionCode: string, year: number, typeCode: string, serial: number): string {
  const body = `${regionCode}${String(year % 100).padStart(2, '0')}${typeCode}${String(serial).padStart(5, '0')}`;
  return body + mod3736CheckChar(body);
}

/** Accepts the compact or the hyphenated form; returns the compact form, or null when it is not a valid number. */
export function normalizeCertificateNumber(raw: string): string | null {
  const compact = raw.trim().toUpperCase().replace(/[-\s]/g, '');
  if (!/^\d{6}\d{2}[A-Z]{2}\d{3}\d{5}[0-9A-Z]$/.test(compact)) return null;
  return mod3736CheckChar(compact.slice(0, -1)) === compact.slice(-1) ? compact : null;
}

export function formatCertificateNumber(compact: string): string {
  return `${compact.slice(0, 6)}-${compact.slice(6, 8)}-${compact.slice(8, 13)}-${compact.slice(13, 18)}-${compact.slice(18)}`;
}
