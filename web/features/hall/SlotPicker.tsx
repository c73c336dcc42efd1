/**
 * Day and time of a booking: the next two weeks of a zone, 无休日 marked, closed and unpublished days explained,
 * each time with the places left. Sized for a thumb on a 375 px phone.
 */
import { useEffect, useState } from 'react';
import { Alert, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { uiLanguage } from '../../i18n';
import { useSlots, type SlotDay } from './hall.api';

export interface SlotChoice {
  date: string;
  startTime: string;
}

function weekday(date: string, lang: 'zh' | 'en'): string {
  return new Date(`${date}T12:00:00+08:00`).toLocaleDateString(lang === 'zh' ? 'zh-CN' : 'en-GB', { weekday: 'short', timeZone: 'Asia/Shanghai' });
}

/** Why a day offers nothing: its year's holidays unpublished, a closure, or the zone not open that day. */
function useDayNote(day: SlotDay | undefined): string | null {
  const { t } = useTranslation('hall');
  if (!day) return null;
  if (!day.known) return t('book.unknown');
  if (day.closedReason) return t('book.closed', { reason: day.closedReason });
  if (day.slots.length === 0) return t('book.notOpen');
  return null;
}

export function SlotPicker({ zone, item, value, onChange }: { zone?: string | undefined; item?: string | undefined; value: SlotChoice | null; onChange: (v: SlotChoice | null) => void }) {
  const { t } = useTranslation('hall');
  const lang = uiLanguage();
  const slots = useSlots({ zone, item, days: 15 });
  const days = slots.data?.days ?? [];
  const [date, setDate] = useState<string | null>(value?.date ?? null);

  useEffect(() => {
    if (!date && days.length) setDate(days.find((d) => d.slots.some((s) => s.available > 0 && !s.past))?.date ?? days[0]!.date);
  }, [date, days]);

  const day = days.find((d) => d.date === date);
  const note = useDayNote(day);
  if (slots.isPending) return <Skeleton active />;
  if (slots.isError) return <Alert type="error" showIcon message={errorMessage(slots.error)} />;

  return (
    <div className="ow-slots">
      <div className="ow-slots__days" role="radiogroup" aria-label={t('book.date')}>
        {days.map((d) => {
          const open = d.slots.some((s) => s.available > 0 && !s.past);
          return (
            <button
              key={d.date}
              type="button"
              role="radio"
              aria-checked={d.date === date}
              className={`ow-slots__day${d.date === date ? ' is-selected' : ''}${open ? '' : ' is-closed'}`}
              onClick={() => {
                setDate(d.date);
                onChange(null);
              }}
            >
              <span className="ow-slots__weekday">{weekday(d.date, lang)}</span>
              <span className="ow-slots__date">{d.date.slice(5).replace('-', '/')}</span>
              {d.dayKind === 'rest' && d.slots.length > 0 && <span className="ow-slots__badge">{t('book.restBadge')}</span>}
            </button>
          );
        })}
      </div>
      {day && (
        <div className="ow-slots__day-detail">
          {day.holidayName && <Tag color="red">{day.holidayName}</Tag>}
          {day.dayKind === 'rest' && day.slots.length > 0 && !day.walkIn && <Tag color="blue">{t('book.walkInNo')}</Tag>}
          {note ? (
            <p className="ow-muted">{note}</p>
          ) : (
            <div className="ow-slots__times" role="radiogroup" aria-label={t('book.slot')}>
              {day.slots.map((s) => {
                const disabled = s.past || s.available === 0;
                const selected = value?.date === day.date && value.startTime === s.startTime;
                return (
                  <button
                    key={s.startTime}
                    type="button"
                    role="radio"
                    aria-checked={selected}
                    disabled={disabled}
                    className={`ow-slots__time${selected ? ' is-selected' : ''}`}
                    onClick={() => onChange({ date: day.date, startTime: s.startTime })}
                  >
                    <span className="ow-slots__range">
                      {s.startTime}–{s.endTime}
                    </span>
                    <span className="ow-slots__left">{s.available === 0 ? t('book.full') : t('book.left', { count: s.available })}</span>
                  </button>
                );
              })}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
