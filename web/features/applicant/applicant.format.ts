/** Dates and sizes as the applicant reads them, in the county's time zone (Asia/Shanghai). */
import type { Lang } from '../../i18n/language';

/** A calendar day of the server (YYYY-MM-DD) with its weekday: 2026年1月12日（周一） / Mon 12 Jan 2026. */
export function formatDay(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (lang === 'en') {
    return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(date);
  }
  const weekday = new Intl.DateTimeFormat('zh-CN', { timeZone: 'UTC', weekday: 'short' }).format(date);
  return `${Number(match[1])}年${Number(match[2])}月${Number(match[3])}日（${weekday}）`;
}

/** An instant of the server (ISO 8601) as date and time in Beijing time. */
export function formatMoment(value: string | null | undefined, lang: Lang): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(date);
}

/** 1.2 MB, 340 KB. */
export function formatSize(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '';
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
