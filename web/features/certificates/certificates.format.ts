/** Certificate numbers, dates and status colours as the certificate pages show them. */
import type { CertificateStatus } from '../../api/certificates.types';
import type { Lang } from '../../i18n/language';

/**
 * The compact form of a typed number: 130533-26-xk099-00001-k → 13053326XK09900001K. Only the shape is
 * tidied here; the server checks the check character (GB/T 36904-style, ISO/IEC 7064) and answers 400.
 */
export function compactNumber(raw: string): string {
  return raw.trim().toUpperCase().replace(/[-\s\u2010-\u2015\uFF0D]/g, '');
}

/** Looks like a certificate number at all (19 characters once compact), before the server is asked. */
export function isNumberShaped(compact: string): boolean {
  return /^\d{8}[A-Z]{2}\d{8}[0-9A-Z]$/.test(compact);
}

/** Status colours: green in force, orange superseded, red revoked, grey expired (antd Tag colours). */
export const STATUS_COLORS: Record<CertificateStatus, string> = {
  valid: 'green',
  changed: 'orange',
  revoked: 'red',
  expired: 'default',
};

/** A calendar day (YYYY-MM-DD) as people read it: 2026年11月28日 / 28 Nov 2026. */
export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const [, y, m, d] = match;
  if (lang === 'zh') return `${Number(y)}年${Number(m)}月${Number(d)}日`;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(
    new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))),
  );
}

/** An instant (ISO 8601) in Beijing time: 2026/11/28 14:03 — the applicant pages' format. */
export { formatMoment as formatInstant } from '../applicant/applicant.format';
