/**
 * The hall's schedule in the console: opening hours per zone and day kind (工作日 / 无休日) with their slot
 * capacities and walk-ins, the closures, and the appointment rules (爽约, reminder, horizon). Read by everyone
 * with hall.read; the buttons and the form are there for hall.manage. Field errors of the API show on the fields.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, DatePicker, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Switch, Table, Tag, TimePicker } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DAY_KINDS, type HallDayKind } from '../../../common/hall';
import { ApiError, errorMessage, type ApiFieldError } from '../../api/client';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import type { Closure, HallSettings, OpeningRule } from '../../api/hall-staff.types';
import { applyFieldErrors } from '../../components/form-errors';
import { FormModal } from '../../components/FormModal';
import { ErrorState } from '../../components/States';
import { shanghaiToday, useAddClosure, useAddRule, useClosures, useHallSettings, useHallZones, useOpeningRules, usePatchRule, useRemoveClosure, useSaveHallSettings } from './hall.staff-api';

const TIME = 'HH:mm';

interface RuleForm {
  zoneCode: string;
  dayKind: HallDayKind;
  startTime: Dayjs;
  endTime: Dayjs;
  slotMinutes: number;
  capacity: number;
  walkIn: boolean;
}

interface RulePatchForm {
  capacity: number;
  walkIn: boolean;
}

interface ClosureForm {
  zoneCode: string;
  date: Dayjs;
  reason: string;
}

/** An action without a form (stop, resume): the fields' reasons, since there is no field to show them on. */
function actionMessage(error: unknown): string {
  return error instanceof ApiError && error.fields.length > 0 ? error.fields.map((f) => f.message).join(' ') : errorMessage(error);
}

function byZoneAndDay(a: OpeningRule, b: OpeningRule): number {
  return a.zoneCode.localeCompare(b.zoneCode) || DAY_KINDS.indexOf(a.dayKind) - DAY_KINDS.indexOf(b.dayKind) || a.startTime.localeCompare(b.startTime);
}

function OpeningRules({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('hallStaff');
  const { message } = AntApp.useApp();
  const rules = useOpeningRules();
  const zones = useHallZones();
  const add = useAddRule();
  const patch = usePatchRule();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<OpeningRule | null>(null);
  const zoneOptions = (zones.data ?? []).map((z) => ({ value: z.code, label: z.name }));

  const setActive = (rule: OpeningRule, active: boolean) =>
    patch.mutate(
      { id: rule.id, body: { active } },
      { onSuccess: () => void message.success(t('hall.hours.saved')), onError: (err) => void message.error(actionMessage(err)) },
    );

  const columns: TableColumnsType<OpeningRule> = [
    { title: t('hall.hours.zone'), dataIndex: 'zoneName' },
    { title: t('hall.hours.dayKind'), dataIndex: 'dayKind', render: (v: HallDayKind) => <Tag color={v === 'rest' ? 'purple' : 'blue'}>{t(`dayKind.${v}`)}</Tag> },
    { title: t('hall.hours.hours'), key: 'hours', render: (_, r) => `${r.startTime}–${r.endTime}` },
    { title: t('hall.hours.slotMinutes'), dataIndex: 'slotMinutes', align: 'right' },
    { title: t('hall.hours.capacity'), dataIndex: 'capacity', align: 'right' },
    { title: t('hall.hours.walkIn'), dataIndex: 'walkIn', render: (v: boolean) => (v ? t('hall.hours.walkInOn') : <Tag color="purple">{t('hall.hours.walkInOff')}</Tag>) },
    { title: t('hall.hours.state'), dataIndex: 'active', render: (v: boolean) => (v ? <Tag color="green">{t('hall.hours.active')}</Tag> : <Tag>{t('hall.hours.inactive')}</Tag>) },
  ];
  if (canManage) {
    columns.push({
      title: '',
      key: 'actions',
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(r)} disabled={!r.active}>
            {t('hall.hours.edit')}
          </Button>
          {r.active ? (
            <Popconfirm title={t('hall.hours.stopConfirm')} onConfirm={() => setActive(r, false)}>
              <Button size="small" danger>
                {t('hall.hours.stop')}
              </Button>
            </Popconfirm>
          ) : (
            <Button size="small" onClick={() => setActive(r, true)}>
              {t('hall.hours.resume')}
            </Button>
          )}
        </Space>
      ),
    });
  }

  return (
    <Card
      size="small"
      title={t('hall.hours.title')}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('hall.hours.add')}
          </Button>
        )
      }
    >
      <p className="ow-muted">{t('hall.hours.intro')}</p>
      {rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <Table rowKey="id" size="small" loading={rules.isPending} dataSource={[...(rules.data ?? [])].sort(byZoneAndDay)} columns={columns} pagination={false} scroll={{ x: 900 }} />
      )}
      <FormModal<RuleForm>
        open={adding}
        name="add-rule"
        title={t('hall.hours.add')}
        initialValues={{ dayKind: 'working', slotMinutes: 30, capacity: 4, walkIn: true }}
        onClose={() => setAdding(false)}
        onSubmit={(v) => add.mutateAsync({ ...v, startTime: v.startTime.format(TIME), endTime: v.endTime.format(TIME) })}
        onSaved={() => void message.success(t('hall.hours.saved'))}
      >
        <Form.Item name="zoneCode" label={t('hall.hours.zone')} rules={[{ required: true }]}>
          <Select options={zoneOptions} />
        </Form.Item>
        <Form.Item name="dayKind" label={t('hall.hours.dayKind')} rules={[{ required: true }]}>
          <Radio.Group options={DAY_KINDS.map((k) => ({ value: k, label: t(`dayKind.${k}`) }))} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="startTime" label={t('hall.hours.start')} rules={[{ required: true }]}>
            <TimePicker format={TIME} minuteStep={5} needConfirm={false} />
          </Form.Item>
          <Form.Item name="endTime" label={t('hall.hours.end')} rules={[{ required: true }]}>
            <TimePicker format={TIME} minuteStep={5} needConfirm={false} />
          </Form.Item>
        </Space>
        <Space wrap>
          <Form.Item name="slotMinutes" label={t('hall.hours.slotMinutes')} rules={[{ required: true }]}>
            <InputNumber min={5} max={240} step={5} />
          </Form.Item>
          <Form.Item name="capacity" label={t('hall.hours.capacity')} rules={[{ required: true }]}>
            <InputNumber min={0} max={1000} />
          </Form.Item>
          <Form.Item name="walkIn" label={t('hall.hours.walkIn')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
      </FormModal>
      <FormModal<RulePatchForm>
        open={editing !== null}
        name="edit-rule"
        title={editing ? t('hall.hours.editTitle', { zone: editing.zoneName, dayKind: t(`dayKind.${editing.dayKind}`), hours: `${editing.startTime}–${editing.endTime}` }) : ''}
        initialValues={editing ? { capacity: editing.capacity, walkIn: editing.walkIn } : {}}
        onClose={() => setEditing(null)}
        onSubmit={(v) => patch.mutateAsync({ id: editing!.id, body: v })}
        onSaved={() => void message.success(t('hall.hours.saved'))}
      >
        <Form.Item name="capacity" label={t('hall.hours.capacity')} rules={[{ required: true }]}>
          <InputNumber min={0} max={1000} />
        </Form.Item>
        <Form.Item name="walkIn" label={t('hall.hours.walkIn')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

function Closures({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('hallStaff');
  const { message } = AntApp.useApp();
  const closures = useClosures();
  const zones = useHallZones();
  const add = useAddClosure();
  const remove = useRemoveClosure();
  const [adding, setAdding] = useState(false);
  const zoneName = (code: string) => zones.data?.find((z) => z.code === code)?.name ?? code;
  const today = shanghaiToday();

  const columns: TableColumnsType<Closure> = [
    { title: t('hall.closures.date'), dataIndex: 'date', width: 120 },
    { title: t('hall.closures.zone'), dataIndex: 'zoneCode', render: (v: string) => zoneName(v) },
    { title: t('hall.closures.reason'), dataIndex: 'reason' },
  ];
  if (canManage) {
    columns.push({
      title: '',
      key: 'actions',
      width: 130,
      render: (_, c) => (
        <Popconfirm
          title={t('hall.closures.removeConfirm', { zone: zoneName(c.zoneCode), date: c.date })}
          onConfirm={() =>
            remove.mutate(c, { onSuccess: () => void message.success(t('hall.closures.removed')), onError: (err) => void message.error(actionMessage(err)) })
          }
        >
          <Button size="small" danger icon={<DeleteOutlined />}>
            {t('hall.closures.remove')}
          </Button>
        </Popconfirm>
      ),
    });
  }

  return (
    <Card
      size="small"
      title={t('hall.closures.title')}
      extra={
        canManage && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('hall.closures.add')}
          </Button>
        )
      }
    >
      <p className="ow-muted">{t('hall.closures.intro')}</p>
      {closures.isError ? (
        <ErrorState error={closures.error} onRetry={() => void closures.refetch()} />
      ) : (
        <Table
          rowKey={(c) => `${c.zoneCode}:${c.date}`}
          size="small"
          loading={closures.isPending}
          dataSource={closures.data ?? []}
          columns={columns}
          pagination={false}
          locale={{ emptyText: t('hall.closures.empty') }}
        />
      )}
      <FormModal<ClosureForm>
        open={adding}
        name="add-closure"
        title={t('hall.closures.add')}
        intro={<p className="ow-muted">{t('hall.closures.intro')}</p>}
        initialValues={{}}
        onClose={() => setAdding(false)}
        onSubmit={(v) => add.mutateAsync({ zoneCode: v.zoneCode, date: v.date.format('YYYY-MM-DD'), reason: v.reason })}
        onSaved={() => void message.success(t('hall.hours.saved'))}
      >
        <Form.Item name="zoneCode" label={t('hall.closures.zone')} rules={[{ required: true }]}>
          <Select options={(zones.data ?? []).map((z) => ({ value: z.code, label: z.name }))} />
        </Form.Item>
        <Form.Item name="date" label={t('hall.closures.date')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(today, 'YYYY-MM-DD'), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('hall.closures.reason')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
      </FormModal>
    </Card>
  );
}

/** 办公时段 tab: the hours and the closures. */
export function OpeningHours({ canManage }: { canManage: boolean }) {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <OpeningRules canManage={canManage} />
      <Closures canManage={canManage} />
    </Space>
  );
}

const SETTINGS_FIELDS: { name: keyof HallSettings; min: number; max: number }[] = [
  { name: 'noShowGraceMinutes', min: 0, max: 120 },
  { name: 'noShowLimit', min: 1, max: 20 },
  { name: 'noShowWindowDays', min: 7, max: 365 },
  { name: 'noShowBanDays', min: 0, max: 365 },
  { name: 'reminderHours', min: 1, max: 72 },
  { name: 'bookingHorizonDays', min: 1, max: 60 },
  { name: 'defaultServiceMinutes', min: 1, max: 120 },
];

/** 预约规则 tab: the no-show rule, the reminder, the booking horizon and the default service time. */
export function HallSettingsForm({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('hallStaff');
  const { message } = AntApp.useApp();
  const settings = useHallSettings();
  const save = useSaveHallSettings();
  const [form] = Form.useForm<HallSettings>();
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<ApiFieldError[]>([]);

  if (settings.isError) return <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!settings.data) return null;

  const submit = async (values: HallSettings) => {
    setError(null);
    setUnmatched([]);
    try {
      await save.mutateAsync(values);
      void message.success(t('hall.settings.saved'));
    } catch (err) {
      setUnmatched(applyFieldErrors(form, err));
      setError(err);
    }
  };

  return (
    <Card size="small" style={{ maxWidth: 720 }}>
      <p className="ow-muted">{t('hall.settings.intro')}</p>
      {!canManage && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('hall.settings.readOnly')} />}
      <FormErrorAlert error={error} unmatched={unmatched} />
      <Form<HallSettings> form={form} name="hall-settings" layout="vertical" initialValues={settings.data} disabled={!canManage || save.isPending} onFinish={(v) => void submit(v)}>
        {SETTINGS_FIELDS.map((f) => (
          <Form.Item key={f.name} name={f.name} label={t(`hall.settings.${f.name}`)} extra={t(`hall.settings.${f.name}Help`)} rules={[{ required: true }]}>
            <InputNumber min={f.min} max={f.max} precision={0} style={{ width: 160 }} />
          </Form.Item>
        ))}
        {canManage && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('hall.settings.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
