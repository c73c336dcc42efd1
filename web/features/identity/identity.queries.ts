/** Queries and helpers of identity screens. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Site } from '../../api/types';

export function useSite() {
  return useQuery({
    queryKey: ['public', 'site'],
    queryFn: ({ signal }) => api.get<Site>('/api/public/site', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

/** Formats an instant in the county's time zone (Asia/Shanghai), whatever the browser's zone. */
export function formatInstant(value: string | null | undefined, lang: 'zh' | 'en'): string {
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
    second: '2-digit',
    hour12: false,
  }).format(date);
}
