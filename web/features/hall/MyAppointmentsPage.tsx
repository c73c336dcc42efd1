/**
 * 我的预约 (/my/appointments): the applicant's bookings with what may be done now — check in on the phone (a ticket
 * called before walk-ins), change to another slot, cancel — and 手机取号: today's tickets with their place in the
 * queue, and taking one for a zone that is open.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Empty, Popconfirm, Select, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import { ApplicantGate } from '../applicant/ApplicantGate';
import { useHallMutation, useMyAppointments, useMyTickets, useZones, type Appointment, type CheckInResult, type Ticket } from './hall.api';
import { SlotPicker, type SlotChoice } from './SlotPicker';
import './hall-i18n';
import './hall.css';

const STATE_COLORS: Record<Appointment['state'], string> = { booked: 'blue', checked_in: 'green', cancelled: 'default', no_show: 'red' };

function TicketCard({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('hall');
  return (
    <div className="ow-ticket-card" data-testid="my-ticket">
      <div className="ow-ticket-card__number">{ticket.number}</div>
      <div className="ow-ticket-card__body">
        <div>
          {ticket.zone.name} <Tag color={ticket.state === 'called' ? 'orange' : undefined}>{t(`ticketState.${ticket.state}`)}</Tag>
        </div>
        {ticket.state === 'waiting' && (
          <div className="ow-muted">
            {t('ticket.ahead', { count: ticket.ahead })}
            {ticket.estimateMinutes !== null && ` · ${t('ticket.estimate', { count: ticket.estimateMinutes })}`}
          </div>
        )}
        {ticket.state === 'called' && ticket.window && <strong>{t('ticket.goTo', { window: ticket.window.name })}</strong>}
      </div>
    </div>
  );
}

function AppointmentCard({ a }: { a: Appointment }) {
  const { t } = useTranslation('hall');
  const [moving, setMoving] = useState(false);
  const [slot, setSlot] = useState<SlotChoice | null>(null);
  const cancel = useHallMutation(() => api.post<Appointment>(`/api/my/appointments/${a.id}/cancel`, { version: a.version }));
  const checkIn = useHallMutation(() => api.post<CheckInResult>(`/api/my/appointments/${a.id}/check-in`, { version: a.version }));
  const move = useHallMutation((s: SlotChoice) => api.post<Appointment>(`/api/my/appointments/${a.id}/reschedule`, { ...s, version: a.version }));
  const error = cancel.error ?? checkIn.error ?? move.error;
  return (
    <article className="ow-appt-card" data-testid="appointment">
      <header className="ow-appt-card__head">
        <strong>{t('mine.when', { date: a.date, start: a.startTime, end: a.endTime })}</strong>
        <Tag color={STATE_COLORS[a.state]}>{t(`appointmentState.${a.state}`)}</Tag>
      </header>
      <p className="ow-appt-card__line">
        {a.zone.name}
        {a.itemName && ` · ${a.itemName}`}
      </p>
      <p className="ow-appt-card__line">
        {t('book.code')} <code className="ow-appt-card__code">{a.code}</code>
        {a.ticketNumber && <span> · {t('mine.ticket', { number: a.ticketNumber })}</span>}
      </p>
      {error && <Alert type="error" showIcon role="alert" message={errorMessage(error)} />}
      <div className="ow-actions-row">
        {a.can.checkIn && (
          <Button type="primary" loading={checkIn.isPending} onClick={() => checkIn.mutate(undefined)}>
            {t('mine.checkIn')}
          </Button>
        )}
        {a.can.reschedule && <Button onClick={() => setMoving((m) => !m)}>{t('mine.reschedule')}</Button>}
        {a.can.cancel && (
          <Popconfirm title={t('mine.cancelConfirm')} onConfirm={() => cancel.mutate(undefined)}>
            <Button danger loading={cancel.isPending}>
              {t('mine.cancel')}
            </Button>
          </Popconfirm>
        )}
      </div>
      {moving && (
        <div className="ow-appt-card__move">
          <p>{t('mine.chooseNew')}</p>
          <SlotPicker zone={a.zone.code} value={slot} onChange={setSlot} />
          <Button type="primary" block disabled={!slot} loading={move.isPending} onClick={() => slot && move.mutate(slot, { onSuccess: () => setMoving(false) })}>
            {t('mine.reschedule')}
          </Button>
        </div>
      )}
    </article>
  );
}

function PhoneTicket() {
  const { t } = useTranslation('hall');
  const zones = useZones();
  const tickets = useMyTickets();
  const [zone, setZone] = useState('HALL-APPROVAL');
  const take = useHallMutation((zoneCode: string) => api.post<Ticket>('/api/my/queue/tickets', { zoneCode }));
  return (
    <section className="ow-panel" aria-labelledby="phone-ticket">
      <h2 id="phone-ticket" className="ow-section-title">
        {t('ticket.title')}
      </h2>
      <p className="ow-muted">{t('ticket.lead')}</p>
      <div className="ow-ticket-take">
        <Select
          aria-label={t('ticket.zone')}
          value={zone}
          onChange={setZone}
          options={(zones.data ?? []).map((z) => ({ label: z.name, value: z.code }))}
          size="large"
          className="ow-ticket-take__zone"
        />
        <Button type="primary" size="large" loading={take.isPending} onClick={() => take.mutate(zone)}>
          {t('ticket.take')}
        </Button>
      </div>
      {take.error && <Alert type="error" showIcon role="alert" message={errorMessage(take.error)} />}
      <h3 className="ow-subtitle">{t('ticket.mine')}</h3>
      {tickets.data?.length ? tickets.data.map((tk) => <TicketCard key={tk.id} ticket={tk} />) : <p className="ow-muted">{t('ticket.none')}</p>}
    </section>
  );
}

function Appointments() {
  const { t } = useTranslation('hall');
  const list = useMyAppointments();
  return (
    <>
      <section className="ow-panel" aria-labelledby="my-appointments">
        <div className="ow-section-head">
          <h2 id="my-appointments" className="ow-section-title">
            {t('mine.title')}
          </h2>
          <Link to="/appointments/new">{t('mine.new')}</Link>
        </div>
        {list.isPending ? (
          <Skeleton active />
        ) : list.isError ? (
          <Alert type="error" showIcon message={errorMessage(list.error)} />
        ) : list.data.items.length === 0 ? (
          <Empty description={t('mine.empty')} />
        ) : (
          list.data.items.map((a) => <AppointmentCard key={`${a.id}:${a.version}`} a={a} />)
        )}
      </section>
      <PhoneTicket />
    </>
  );
}

export default function MyAppointmentsPage() {
  const { t } = useTranslation('hall');
  const { t: tc } = useTranslation();
  useEffect(() => {
    document.title = `${t('mine.title')} · ${tc('app.name')}`;
  }, [t, tc]);
  return (
    <div className="ow-container ow-page ow-applicant ow-my-appointments">
      <h1 className="ow-page__title">{t('mine.title')}</h1>
      <ApplicantGate>{() => <Appointments />}</ApplicantGate>
    </div>
  );
}
