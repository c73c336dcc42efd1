/**
 * 工作日历: the month as the time limits count it — working days, weekends, official holidays with their names,
 * make-up working days (调休上班) and the county's local overrides — with the known years and their source, and a
 * prominent warning when next year is not known yet (limits that run into it cannot be computed). Administrators
 * set or remove a local override by clicking a day, and declare a year from the State Council's notice.
 */
import { useMemo, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, Popconfirm, Row, Table, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { CalendarOutlined, DeleteOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import type { CalendarDay, CalendarDayKind, CalendarOverride, CalendarYear, PutOverrideBody } from '../../api/cases.types';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { ToggleButtons } from '../../components/ToggleButtons';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import { todayInShanghai } from '../cases/cases.format';
import { formatInstant } from '../identity/identity.queries';
import { useCalendarDays, useCalendarOverrides, useCalendarYears, useForgetYear, useRefreshCalendar } from './calendar.queries';
import { DeclareYearDialog } from './DeclareYearDialog';
import '../cases/cases.css';

interface OverrideForm {
  kind: 'workday' | 'holiday';
  name: string;
  note: string;
}

const KINDS: (CalendarDayKind | 'local')[] = ['workday', 'weekend', 'holiday', 'makeup_workday', 'local'];

function KindControl({ value, onChange }: { value?: 'workday' | 'holiday'; onChange?: (v: 'workday' | 'holiday') => void }) {
  const { t } = useTranslation('cases');
  return (
    <ToggleButtons<'workday' | 'holiday'>
      size="middle"
      label={t('calendar.override.kind')}
      value={value ?? 'holiday'}
      options={[
        { value: 'holiday', label: t('calendar.override.holiday') },
        { value: 'workday', label: t('calendar.override.workday') },
      ]}
      onChange={(v) => onChange?.(v)}
    />
  );
}

function MonthGrid({
  month,
  days,
  overrides,
  onPick,
}: {
  month: Dayjs;
  days: CalendarDay[];
  overrides: Map<string, CalendarOverride>;
  onPick?: (day: CalendarDay) => void;
}) {
  const { t } = useTranslation('cases');
  const today = todayInShanghai();
  const leading = (month.day() + 6) % 7; // Monday first, as Chinese calendars are
  return (
    <div className="ow-cal-grid" role="grid" aria-label={t('calendar.month', { year: month.year(), month: month.month() + 1 })}>
      {(['1', '2', '3', '4', '5', '6', '7'] as const).map((d) => (
        <div key={d} className="ow-cal-weekday" role="columnheader">
          {t(`calendar.weekdays.${d}`)}
        </div>
      ))}
      {Array.from({ length: leading }, (_, i) => (
        <div key={`blank-${i}`} className="ow-cal-day ow-cal-day--blank" aria-hidden="true" />
      ))}
      {days.map((day) => {
        const override = overrides.get(day.date);
        const local = day.source === 'local';
        const classes = ['ow-cal-day', `ow-cal-day--${day.kind}`, local ? 'ow-cal-day--local' : '', day.date === today ? 'ow-cal-day--today' : ''].join(' ');
        const label = t('calendar.dayLabel', {
          date: day.date,
          kind: `${t(`calendar.kind.${day.kind}`)}${day.name ? ` ${day.name}` : ''}${local ? `（${t('calendar.kind.local')}）` : ''}`,
        });
        const content = (
          <>
            <span className="ow-cal-day__num">{Number(day.date.slice(8))}</span>
            {day.name && <span className="ow-cal-day__name">{day.name}</span>}
            {day.kind === 'makeup_workday' && <span className="ow-cal-day__name">{t('calendar.kind.makeup_workday')}</span>}
            {local && (
              <span className="ow-cal-day__badge" aria-hidden="true">
                {override?.origin === 'declared' ? t('calendar.badgeDeclared') : t('calendar.badgeLocal')}
              </span>
            )}
          </>
        );
        return onPick ? (
          <button key={day.date} type="button" className={classes} aria-label={label} title={label} onClick={() => onPick(day)}>
            {content}
          </button>
        ) : (
          <div key={day.date} className={classes} role="gridcell" aria-label={label} title={label}>
            {content}
          </div>
        );
      })}
    </div>
  );
}

export function CalendarPage() {
  const { t } = useTranslation('cases');
  const labels = useLabels();
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const isAdmin = can('calendar.manage');
  const today = todayInShanghai();
  const [month, setMonth] = useState<Dayjs>(() => dayjs(today).startOf('month'));
  const [picked, setPicked] = useState<CalendarDay | null>(null);
  const [declaring, setDeclaring] = useState<number | null>(null);
  const refresh = useRefreshCalendar();
  const forgetYear = useForgetYear();

  const years = useCalendarYears();
  const known = useMemo(() => new Map((years.data ?? []).map((y) => [y.year, y])), [years.data]);
  const yearKnown = known.has(month.year());
  const from = month.format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const days = useCalendarDays(from, to, years.isSuccess && yearKnown);
  const overrides = useCalendarOverrides(month.year(), isAdmin);
  const overrideMap = useMemo(() => new Map((overrides.data ?? []).map((o) => [o.date, o])), [overrides.data]);

  const thisYear = Number(today.slice(0, 4));
  const nextYear = thisYear + 1;
  const nextUnknown = years.isSuccess && !known.has(nextYear);

  const undeclare = useMutation({
    mutationFn: (year: number) => api.delete<undefined>(`/api/calendar/years/${year}`),
    onSuccess: (_, year) => {
      void message.success(t('calendar.declare.undeclared', { year }));
      forgetYear(year);
      refresh();
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const removeOverride = useMutation({
    mutationFn: (date: string) => api.delete<undefined>(`/api/calendar/overrides/${date}`),
    onSuccess: () => {
      void message.success(t('calendar.override.removed'));
      setPicked(null);
      refresh();
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const yearColumns: TableColumnsType<CalendarYear> = [
    { title: t('calendar.yearCol'), dataIndex: 'year', width: 64, render: (y: number) => <strong>{y}</strong> },
    {
      title: t('calendar.source'),
      key: 'source',
      render: (_, y) => (
        <>
          <Tag color={y.source === 'official' ? 'blue' : 'purple'}>{t(`calendar.sourceKind.${y.source}`)}</Tag>
          <div className="ow-small ow-muted" title={y.sourceNote}>
            {y.sourceNote}
            {y.declaredBy && ` · ${y.declaredBy} ${formatInstant(y.declaredAt, labels.lang)}`}
          </div>
        </>
      ),
    },
    ...(isAdmin && (years.data ?? []).some((y) => y.source === 'declared')
      ? [
          {
            title: '',
            key: 'actions',
            width: 92,
            render: (_: unknown, y: CalendarYear) =>
              y.source === 'declared' ? (
                <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 4 }}>
                  <Button size="small" onClick={() => setDeclaring(y.year)}>
                    {t('calendar.declare.edit')}
                  </Button>
                  <Popconfirm title={t('calendar.declare.undeclareConfirm', { year: y.year })} onConfirm={() => undeclare.mutate(y.year)}>
                    <Button size="small" danger icon={<DeleteOutlined />} loading={undeclare.isPending && undeclare.variables === y.year}>
                      {t('calendar.declare.undeclare')}
                    </Button>
                  </Popconfirm>
                </span>
              ) : null,
          },
        ]
      : []),
  ];
  // Newest first; the official library's two decades fold behind the first page.
  const yearRows = [...(years.data ?? [])].sort((a, b) => b.year - a.year);

  return (
    <div className="ow-calendar">
      <PageHeader
        title={t('calendar.title')}
        extra={
          isAdmin &&
          !nextUnknown && (
            <Button icon={<CalendarOutlined />} onClick={() => setDeclaring(nextYear + 1)}>
              {t('calendar.declare.open', { year: nextYear + 1 })}
            </Button>
          )
        }
      >
        <p className="ow-muted" style={{ margin: 0 }}>
          {t('calendar.intro')}
        </p>
      </PageHeader>

      {nextUnknown && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={<strong>{t('calendar.unknownTitle', { year: nextYear })}</strong>}
          description={
            <>
              {t('calendar.unknownBody', { year: nextYear })}
              {!isAdmin && `${labels.lang === 'en' ? ' ' : ''}${t('calendar.unknownAskAdmin')}`}
            </>
          }
          action={
            isAdmin ? (
              <Button type="primary" danger onClick={() => setDeclaring(nextYear)}>
                {t('calendar.declare.open', { year: nextYear })}
              </Button>
            ) : undefined
          }
        />
      )}

      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <Card size="small">
            <div className="ow-calendar-head">
              <Button icon={<LeftOutlined />} aria-label={t('calendar.prev')} onClick={() => setMonth(month.subtract(1, 'month'))} />
              <h2>{t('calendar.month', { year: month.year(), month: month.month() + 1 })}</h2>
              <Button icon={<RightOutlined />} aria-label={t('calendar.next')} onClick={() => setMonth(month.add(1, 'month'))} />
              <span style={{ flex: 1 }} />
              <DatePicker
                picker="month"
                allowClear={false}
                aria-label={t('calendar.monthPicker')}
                value={month}
                onChange={(v) => v && setMonth(v.startOf('month'))}
              />
              <Button onClick={() => setMonth(dayjs(today).startOf('month'))}>{t('calendar.today')}</Button>
            </div>
            {years.isError ? (
              <ErrorState error={years.error} onRetry={() => void years.refetch()} />
            ) : years.isSuccess && !yearKnown ? (
              <div className="ow-cal-grid">
                <div className="ow-cal-unknown" role="status">
                  {t('calendar.monthUnknown', { year: month.year() })}
                  {isAdmin && (
                    <div style={{ marginTop: 12 }}>
                      <Button type="primary" onClick={() => setDeclaring(month.year())}>
                        {t('calendar.declare.open', { year: month.year() })}
                      </Button>
                    </div>
                  )}
                </div>
              </div>
            ) : days.isError ? (
              <ErrorState error={days.error} onRetry={() => void days.refetch()} />
            ) : (
              <div aria-busy={days.isPending}>
                <MonthGrid month={month} days={days.data ?? []} overrides={overrideMap} onPick={isAdmin ? setPicked : undefined} />
              </div>
            )}
            <ul className="ow-legend" aria-label={t('calendar.legend')}>
              {KINDS.map((k) => (
                <li key={k}>
                  <span className={`ow-legend__swatch ow-cal-day--${k}`} />
                  {t(`calendar.kind.${k}`)}
                </li>
              ))}
            </ul>
            <p className="ow-small ow-muted" style={{ margin: '8px 0 0' }}>
              {isAdmin ? t('calendar.clickHint') : t('calendar.readOnly')}
            </p>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('calendar.years')}>
            <Table<CalendarYear>
              rowKey="year"
              size="small"
              columns={yearColumns}
              dataSource={yearRows}
              loading={years.isPending}
              pagination={{ pageSize: 8, hideOnSinglePage: true, size: 'small' }}
            />
          </Card>
        </Col>
      </Row>

      {isAdmin && (
        <FormModal<OverrideForm>
          name="calendar-override"
          open={picked !== null}
          title={t('calendar.override.title', { date: picked?.date ?? '' })}
          okText={t('calendar.override.save')}
          initialValues={{
            kind: overrideMap.get(picked?.date ?? '')?.kind ?? (picked?.isWorkingDay ? 'holiday' : 'workday'),
            name: overrideMap.get(picked?.date ?? '')?.name ?? '',
            note: overrideMap.get(picked?.date ?? '')?.note ?? '',
          }}
          intro={
            picked ? (
              <Alert
                type={picked.source === 'local' ? 'warning' : 'info'}
                showIcon
                style={{ marginBottom: 12 }}
                message={t('calendar.override.current', { kind: t(`calendar.kind.${picked.kind}`), name: picked.name ? ` ${picked.name}` : '' })}
                description={
                  <>
                    {overrideMap.get(picked.date)?.origin === 'declared' && <div>{t('calendar.override.declaredHint')}</div>}
                    {picked.source === 'local' && overrideMap.get(picked.date)?.origin !== 'declared' && (
                      <Button size="small" danger icon={<DeleteOutlined />} style={{ marginTop: 6 }} loading={removeOverride.isPending} onClick={() => removeOverride.mutate(picked.date)}>
                        {t('calendar.override.remove')}
                      </Button>
                    )}
                  </>
                }
              />
            ) : undefined
          }
          onClose={() => setPicked(null)}
          onSaved={() => {
            void message.success(t('calendar.override.saved'));
            refresh();
          }}
          onSubmit={(v) => {
            const body: PutOverrideBody = { kind: v.kind, name: v.name.trim(), note: (v.note ?? '').trim() };
            return api.put<CalendarOverride>(`/api/calendar/overrides/${picked?.date ?? ''}`, body);
          }}
        >
          <Form.Item name="kind" label={t('calendar.override.kind')}>
            <KindControl />
          </Form.Item>
          <Form.Item name="name" label={t('calendar.override.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={40} placeholder={t('calendar.override.namePlaceholder')} />
          </Form.Item>
          <Form.Item name="note" label={t('calendar.override.note')}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t('calendar.override.notePlaceholder')} />
          </Form.Item>
        </FormModal>
      )}
      {isAdmin && declaring !== null && (
        <DeclareYearDialog year={declaring} existing={known.get(declaring) ?? null} onClose={() => setDeclaring(null)} onSaved={refresh} />
      )}
    </div>
  );
}
