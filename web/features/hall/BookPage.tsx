/**
 * 预约办理 (/appointments/new, ?item=WX-XK-099 from an item's guide, or ?zone=HALL-SERVICE): choose the zone, the day
 * (weekends and holidays included where the zone opens: 无休日预约) and the time, and get the booking code.
 */
import { useEffect, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import type { ItemDetail } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { ApplicantGate } from '../applicant/ApplicantGate';
import { useHallMutation, useZones, type Appointment } from './hall.api';
import { SlotPicker, type SlotChoice } from './SlotPicker';
import './hall-i18n';
import './hall.css';

interface BookForm {
  phone?: string;
  note?: string;
}

function Booking() {
  const { t } = useTranslation('hall');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const itemCode = params.get('item');
  const [zone, setZone] = useState(params.get('zone') ?? 'HALL-APPROVAL');
  const [slot, setSlot] = useState<SlotChoice | null>(null);
  const [form] = Form.useForm<BookForm>();
  const navigate = useNavigate();
  const zones = useZones();
  const item = useQuery({ queryKey: ['items', 'public', itemCode], queryFn: () => api.get<ItemDetail>(`/api/public/items/${itemCode}`), enabled: !!itemCode });
  const book = useHallMutation((body: Record<string, unknown>) => api.post<Appointment>('/api/my/appointments', body));

  useEffect(() => {
    document.title = `${t('book.title')} · ${tc('app.name')}`;
  }, [t, tc]);

  if (book.data) {
    const a = book.data;
    return (
      <Result
        status="success"
        title={t('book.doneTitle')}
        subTitle={
          <>
            <span className="ow-book__code-label">{t('book.code')}</span>
            <strong className="ow-book__code" data-testid="booking-code">
              {a.code}
            </strong>
            <span className="ow-book__done-text">{t('book.doneText', { date: a.date, start: a.startTime, end: a.endTime, zone: a.zone.name, grace: 15 })}</span>
          </>
        }
        extra={
          <Button type="primary" size="large" onClick={() => void navigate('/my/appointments')}>
            {t('book.toMine')}
          </Button>
        }
      />
    );
  }

  const itemId = item.data?.id;
  return (
    <section className="ow-panel">
      {itemCode ? (
        <p className="ow-book__item">
          {t('book.item')}：<strong>{item.data?.name ?? itemCode}</strong>
        </p>
      ) : (
        <div className="ow-book__zones" role="radiogroup" aria-label={t('book.zone')}>
          {(zones.data ?? []).map((z) => (
            <button
              key={z.code}
              type="button"
              role="radio"
              aria-checked={z.code === zone}
              className={`ow-book__zone${z.code === zone ? ' is-selected' : ''}`}
              onClick={() => {
                setZone(z.code);
                setSlot(null);
              }}
            >
              {z.name}
            </button>
          ))}
        </div>
      )}
      {(!itemCode || itemId) && <SlotPicker zone={itemCode ? undefined : zone} item={itemId} value={slot} onChange={setSlot} />}
      <Form
        form={form}
        layout="vertical"
        size="large"
        name="book"
        requiredMark={false}
        onFinish={(v) => {
          if (!slot) return;
          book.mutate(
            {
              ...(itemId ? { itemId } : { zoneCode: zone }),
              date: slot.date,
              startTime: slot.startTime,
              ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
              note: v.note?.trim() ?? '',
            },
            { onError: (e) => applyFieldErrors(form, e) },
          );
        }}
      >
        <Form.Item label={t('book.phone')} name="phone" extra={t('book.phoneHelp')}>
          <Input inputMode="tel" maxLength={11} autoComplete="tel" />
        </Form.Item>
        <Form.Item label={t('book.note')} name="note">
          <Input maxLength={200} />
        </Form.Item>
        {book.error && <Alert type="error" showIcon role="alert" className="ow-inline-alert" message={errorMessage(book.error)} />}
        <Button type="primary" htmlType="submit" block disabled={!slot} loading={book.isPending}>
          {slot ? `${t('book.submit')}（${slot.date} ${slot.startTime}）` : t('book.noSlot')}
        </Button>
      </Form>
    </section>
  );
}

export default function BookPage() {
  const { t } = useTranslation('hall');
  return (
    <div className="ow-container ow-page ow-applicant ow-book">
      <h1 className="ow-page__title">{t('book.title')}</h1>
      <p className="ow-muted">{t('book.lead')}</p>
      <ApplicantGate>{() => <Booking />}</ApplicantGate>
    </div>
  );
}
