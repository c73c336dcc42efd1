/** How the guide states time limits and visits, in the UI language. */
import type { TFunction } from 'i18next';
import type { ItemSummary } from '../../api/types';

/** 承诺时限: "承诺 5 个工作日" or "即办" (decided on the spot). */
export function promisedLimitText(t: TFunction<'common'>, item: Pick<ItemSummary, 'processingClass' | 'promisedLimitDays'>): string {
  if (item.processingClass === '即办件' || item.promisedLimitDays === 0) return t('limit.instant');
  if (item.promisedLimitDays === null) return t('limit.none');
  return t('limit.promised', { count: item.promisedLimitDays });
}

/** 法定时限 with its unit (个工作日 / 日 / 个月) and the law's own wording when it has one. */
export function legalLimitText(t: TFunction<'common'>, limit: ItemSummary['legalLimit']): string {
  const parts: string[] = [];
  if (limit.value !== null && limit.unit !== null) {
    parts.push(t(`limit.unit.${limit.unit}`, { count: limit.value }));
  }
  if (limit.note) parts.push(limit.note);
  return parts.length ? parts.join(t('limit.noteSeparator')) : t('limit.none');
}

export function maxVisitsText(t: TFunction<'common'>, maxVisits: number): string {
  return maxVisits === 0 ? t('limit.zeroVisits') : t('limit.maxVisits', { count: maxVisits });
}

/** Where the public downloads a material's blank form or sample. */
export function templateUrl(sha256: string): string {
  return `/api/public/templates/${sha256}`;
}
