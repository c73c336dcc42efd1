/**
 * 大厅管理 (/staff/hall): the hall's day per zone (tickets and appointments, names masked), each window's service
 * figures over a period, the opening hours and closures, and the appointment rules. Everyone with hall.read
 * sees it; the editing parts need hall.manage.
 */
import { lazy, Suspense, useState } from 'react';
import { Button, Card, Col, DatePicker, Empty, Row, Select, Space, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { APPOINTMENT_STATE_LABELS, TICKET_CHANNEL_LABELS, TICKET_STATE_LABELS, type AppointmentState, type TicketState } from '../../../common/hall';
import type { HallAppointment, HallDayZone, QueueTicket, WindowPerformance } from '../../api/hall-staff.types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading } from '../../components/States';
import { useSession } from '../../surfaces/console/session';
import { HallSettingsForm, OpeningHours } from './HallSchedule';
import { shanghaiClock, shanghaiToday, useHallDay, useHallZones, usePerformance } from './hall.staff-api';
import './hall-staff.css';

// ECharts loads with the 窗口绩效 tab's charts, not with the page.
const BarChart = lazy(() => import('../../components/BarChart').then((m) => ({ default: m.BarChart })));

const DATE = 'YYYY-MM-DD';

const TICKET_COLORS: Record<TicketState, string> = { waiting: 'blue', called: 'gold', done: 'green', skipped: 'orange', cancelled: 'default' };
const APPOINTMENT_COLORS: Record<AppointmentState, string> = { booked: 'blue', checked_in: 'green', cancelled: 'default', no_show: 'red' };

function useLang(): 'zh' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh';
}

function ZoneCard({ zone }: { zone: HallDayZone }) {
  const { t } = useTranslation('hallStaff');
  const figures = ['issued', 'waiting', 'called', 'done', 'skipped', 'appointments', 'checkedIn', 'noShows'] as const;
  return (
    <Card
      size="small"
      title={
        <Space>
          <Tag color="blue">{zone.prefix}</Tag>
          {zone.name}
        </Space>
      }
      data-testid={`zone-${zone.code}`}
    >
      <dl className="ow-hall-zone-stats">
        {figures.map((f) => (
          <div key={f} data-testid={`zone-${zone.code}-${f}`}>
            <dt>{t(`hall.stats.${f}`)}</dt>
            <dd>{zone[f]}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

function DayTab() {
  const { t } = useTranslation('hallStaff');
  const lang = useLang();
  const today = shanghaiToday();
  const [date, setDate] = useState(today);
  const [zone, setZone] = useState<string | undefined>();
  const day = useHallDay(date, date === today);
  const zones = useHallZones();
  const data = day.data;
  const shownZones = data?.zones.filter((z) => !zone || z.code === zone) ?? [];
  const appointments = data?.appointments.filter((a) => !zone || a.zone.code === zone) ?? [];
  const tickets = data?.tickets.filter((x) => !zone || x.zone.code === zone) ?? [];

  const appointmentColumns: TableColumnsType<HallAppointment> = [
    { title: t('hall.col.time'), key: 'time', width: 120, render: (_, a) => `${a.startTime}–${a.endTime}` },
    { title: t('hall.col.code'), dataIndex: 'code', width: 110, render: (v: string) => <span className="ow-hall-code">{v}</span> },
    { title: t('hall.col.name'), dataIndex: 'name', width: 90 },
    { title: t('hall.col.phone'), dataIndex: 'phone', width: 130 },
    { title: t('hall.col.item'), dataIndex: 'itemName', render: (v: string | null) => v ?? '—' },
    { title: t('hall.col.zone'), key: 'zone', width: 120, render: (_, a) => a.zone.name },
    { title: t('hall.col.state'), dataIndex: 'state', width: 90, render: (v: AppointmentState) => <Tag color={APPOINTMENT_COLORS[v]}>{APPOINTMENT_STATE_LABELS[v][lang]}</Tag> },
    { title: t('hall.col.ticket'), dataIndex: 'ticketNumber', width: 80, render: (v: string | null) => v ?? '—' },
  ];
  const ticketColumns: TableColumnsType<QueueTicket> = [
    { title: t('hall.col.number'), dataIndex: 'number', width: 80, render: (v: string) => <strong>{v}</strong> },
    { title: t('hall.col.zone'), key: 'zone', width: 120, render: (_, x) => x.zone.name },
    { title: t('hall.col.channel'), dataIndex: 'channel', width: 120, render: (v: QueueTicket['channel']) => TICKET_CHANNEL_LABELS[v][lang] },
    { title: t('hall.col.state'), dataIndex: 'state', width: 90, render: (v: TicketState) => <Tag color={TICKET_COLORS[v]}>{TICKET_STATE_LABELS[v][lang]}</Tag> },
    { title: t('hall.col.name'), dataIndex: 'name', width: 80, render: (v: string) => v || '—' },
    { title: t('hall.col.item'), dataIndex: 'itemName', render: (v: string | null) => v ?? '—' },
    { title: t('hall.col.issuedAt'), dataIndex: 'issuedAt', width: 70, render: (v: string) => shanghaiClock(v) },
    { title: t('hall.col.calledAt'), dataIndex: 'calledAt', width: 70, render: (v: string | null) => shanghaiClock(v) },
    { title: t('hall.col.window'), key: 'window', width: 140, render: (_, x) => (x.window ? `${x.window.code} ${x.window.name}` : '—') },
    { title: t('hall.col.callCount'), dataIndex: 'callCount', width: 60, align: 'right' },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div className="ow-toolbar" style={{ marginBottom: 0 }}>
        <DatePicker
          aria-label={t('hall.date')}
          allowClear={false}
          value={dayjs(date, DATE)}
          onChange={(d) => d && setDate(d.format(DATE))}
        />
        <Button onClick={() => setDate(today)} disabled={date === today}>
          {t('hall.today')}
        </Button>
        <Select
          style={{ width: 180 }}
          allowClear
          aria-label={t('hall.col.zone')}
          placeholder={t('hall.col.zone')}
          value={zone}
          onChange={setZone}
          options={(zones.data ?? []).map((z) => ({ value: z.code, label: z.name }))}
        />
        <Button icon={<ReloadOutlined />} onClick={() => void day.refetch()} loading={day.isFetching}>
          {t('hall.refresh')}
        </Button>
      </div>
      {day.isError && <ErrorState error={day.error} onRetry={() => void day.refetch()} />}
      <Row gutter={[12, 12]}>
        {shownZones.map((z) => (
          <Col key={z.code} xs={24} md={12} xxl={6}>
            <ZoneCard zone={z} />
          </Col>
        ))}
      </Row>
      <Card size="small" title={t('hall.appointmentsCount', { count: appointments.length })}>
        <Table rowKey="id" size="small" loading={day.isPending} dataSource={appointments} columns={appointmentColumns} scroll={{ x: 900 }} pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} />
      </Card>
      <Card size="small" title={t('hall.ticketsCount', { count: tickets.length })}>
        <Table rowKey="id" size="small" loading={day.isPending} dataSource={tickets} columns={ticketColumns} scroll={{ x: 1000 }} pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }} />
      </Card>
    </Space>
  );
}

function PerformanceTab() {
  const { t } = useTranslation('hallStaff');
  const today = shanghaiToday();
  const [range, setRange] = useState<[string, string]>([dayjs(today, DATE).subtract(29, 'day').format(DATE), today]);
  const perf = usePerformance(range[0], range[1]);
  const zones = useHallZones();
  const zoneName = (code: string) => zones.data?.find((z) => z.code === code)?.name ?? code;
  const windows = perf.data?.windows ?? [];
  const columns: TableColumnsType<WindowPerformance> = [
    { title: t('hall.perf.window'), key: 'window', render: (_, w) => `${w.code} ${w.name}` },
    { title: t('hall.perf.zone'), dataIndex: 'zoneCode', render: (v: string) => zoneName(v) },
    { title: t('hall.perf.served'), dataIndex: 'served', align: 'right' },
    { title: t('hall.perf.skipped'), dataIndex: 'skipped', align: 'right' },
    { title: t('hall.perf.avgWait'), dataIndex: 'avgWaitMinutes', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('hall.perf.avgService'), dataIndex: 'avgServiceMinutes', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('hall.perf.staff'), dataIndex: 'staff', render: (v: string[]) => v.join('、') || '—' },
  ];
  const rows = windows.map((w) => ({ key: w.windowId, label: `${w.code} ${w.name}` }));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div className="ow-toolbar" style={{ marginBottom: 0 }}>
        <span>{t('hall.perf.range')}</span>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range[0], DATE), dayjs(range[1], DATE)]}
          onChange={(v) => {
            if (v?.[0] && v[1]) setRange([v[0].format(DATE), v[1].format(DATE)]);
          }}
        />
      </div>
      {perf.isError && <ErrorState error={perf.error} onRetry={() => void perf.refetch()} />}
      <Table rowKey="windowId" size="small" loading={perf.isFetching} dataSource={windows} columns={columns} pagination={false} scroll={{ x: 800 }} locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hall.perf.empty')} /> }} />
      {windows.length > 0 && (
        <Suspense fallback={<PageLoading />}>
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={12}>
            <Card size="small">
              <BarChart
                title={t('hall.perf.chartCounts')}
                counts
                series={[
                  { key: 'served', label: t('hall.perf.served'), color: '#1b56a8' },
                  { key: 'skipped', label: t('hall.perf.skipped'), color: '#d46b08' },
                ]}
                rows={windows.map((w, i) => ({ ...rows[i]!, values: { served: w.served, skipped: w.skipped } }))}
              />
            </Card>
          </Col>
          <Col xs={24} lg={12}>
            <Card size="small">
              <BarChart
                title={t('hall.perf.chartMinutes')}
                series={[
                  { key: 'wait', label: t('hall.perf.avgWait'), color: '#7cb305' },
                  { key: 'service', label: t('hall.perf.avgService'), color: '#531dab' },
                ]}
                rows={windows.map((w, i) => ({ ...rows[i]!, values: { wait: w.avgWaitMinutes, service: w.avgServiceMinutes } }))}
              />
            </Card>
          </Col>
        </Row>
        </Suspense>
      )}
    </Space>
  );
}

export default function HallAdminPage() {
  const { t } = useTranslation('hallStaff');
  const { can } = useSession();
  const canManage = can('hall.manage');
  return (
    <>
      <PageHeader title={t('hall.title')} />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'day', label: t('hall.tabs.day'), children: <DayTab /> },
          { key: 'performance', label: t('hall.tabs.performance'), children: <PerformanceTab /> },
          { key: 'hours', label: t('hall.tabs.hours'), children: <OpeningHours canManage={canManage} /> },
          { key: 'rules', label: t('hall.tabs.rules'), children: <HallSettingsForm canManage={canManage} /> },
        ]}
      />
    </>
  );
}
