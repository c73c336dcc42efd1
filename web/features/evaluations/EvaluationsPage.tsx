/**
 * 好差评管理 (/staff/evaluations): the overview (counts per level, 好评率, per unit, rectification on-time rate),
 * the evaluations, the 差评 rectifications with their actions, complaints and suggestions, and the settings.
 * Each action button shows only when the server's abilities allow it.
 */
import { useState } from 'react';
import { App as AntApp, Button, Card, Col, Descriptions, Drawer, Form, Input, InputNumber, Modal, Progress, Radio, Row, Select, Space, Statistic, Switch, Table, Tabs, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { CALLBACK_METHODS, EVALUATION_LEVELS, INVALID_REVIEW_CATEGORIES, isBadLevel } from '../../../common/evaluations';
import { errorMessage } from '../../api/client';
import type { Complaint, Evaluation, Rectification } from '../../api/evaluations.types';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { usePublicOrg } from '../org/org.queries';
import { useSession } from '../../surfaces/console/session';
import {
  useComplaintAction,
  useComplaints,
  useEvaluations,
  useRectification,
  useRectificationAction,
  useRectifications,
  useSaveSettings,
  useSettings,
  useStats,
  type RectificationAction,
} from './evaluations.api';
import './evaluations.css';

const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—');
const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

function LevelTag({ level }: { level: number }) {
  const { t } = useTranslation('evaluations');
  return <Tag color={isBadLevel(level) ? 'red' : level >= 4 ? 'green' : 'gold'}>{t(`level.${level}` as 'level.5')}</Tag>;
}

function RectificationTag({ r }: { r: { state: Rectification['state']; isOverdue: boolean } }) {
  const { t } = useTranslation('evaluations');
  const open = r.state === 'received' || r.state === 'verifying' || r.state === 'rectifying';
  return (
    <Space size={4}>
      <Tag color={open ? 'blue' : r.state === 'invalidated' ? 'default' : 'green'}>{t(`state.${r.state}`)}</Tag>
      {open && r.isOverdue && <Tag color="red">{t('overdue')}</Tag>}
    </Space>
  );
}

function Overview() {
  const { t } = useTranslation('evaluations');
  const stats = useStats({});
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  const s = stats.data;
  const max = Math.max(1, ...(s?.perLevel.map((p) => p.count) ?? [1]));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={8} lg={4}>
          <Card loading={stats.isPending}>
            <Statistic title={t('staff.total')} value={s?.total ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Card loading={stats.isPending}>
            <Statistic title={t('staff.goodRate')} value={percent(s?.goodRate ?? null)} />
          </Card>
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Card loading={stats.isPending}>
            <Statistic title={t('staff.bad')} value={s?.bad ?? 0} valueStyle={{ color: '#cf1322' }} />
          </Card>
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Card loading={stats.isPending}>
            <Statistic title={t('staff.openRect')} value={s?.rectification.open ?? 0} />
          </Card>
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Card loading={stats.isPending}>
            <Statistic title={t('staff.overdueOpen')} value={s?.rectification.overdueOpen ?? 0} valueStyle={{ color: s?.rectification.overdueOpen ? '#cf1322' : undefined }} />
          </Card>
        </Col>
        <Col xs={12} md={8} lg={4}>
          <Card loading={stats.isPending}>
            <Statistic title={t('staff.onTimeRate')} value={percent(s?.rectification.onTimeRate ?? null)} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('staff.perLevel')} loading={stats.isPending}>
            {s?.perLevel.map((p) => (
              <div key={p.level} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span style={{ width: 96 }}>{p.label}</span>
                <Progress percent={Math.round((p.count / max) * 100)} format={() => p.count} strokeColor={isBadLevel(p.level) ? '#cf1322' : undefined} />
              </div>
            ))}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('staff.dimensions')} loading={stats.isPending}>
            {s?.dimensions.map((d) => (
              <div key={d.dimension} style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <span style={{ width: 96 }}>{d.label}</span>
                <Progress percent={d.average === null ? 0 : Math.round((d.average / 5) * 100)} format={() => (d.average === null ? '—' : d.average.toFixed(2))} />
              </div>
            ))}
          </Card>
        </Col>
      </Row>
      <Card title={t('staff.perUnit')}>
        <Table
          size="small"
          rowKey="unitId"
          loading={stats.isPending}
          dataSource={s?.perUnit ?? []}
          pagination={false}
          columns={[
            { title: t('staff.unit'), dataIndex: 'unitName' },
            { title: t('staff.total'), dataIndex: 'total', align: 'right' },
            { title: t('staff.bad'), dataIndex: 'bad', align: 'right' },
            { title: t('staff.goodRate'), dataIndex: 'goodRate', align: 'right', render: (v: number | null) => percent(v) },
          ]}
        />
      </Card>
    </Space>
  );
}

function EvaluationList({ onOpen }: { onOpen: (rectificationId: string) => void }) {
  const { t } = useTranslation('evaluations');
  const [level, setLevel] = useState<number | undefined>();
  const [badOnly, setBadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const list = useEvaluations({ level, bad: badOnly ? 'true' : undefined, limit: 20, offset: (page - 1) * 20 });
  const columns: TableColumnsType<Evaluation> = [
    { title: t('staff.createdAt'), dataIndex: 'createdAt', render: (v: string) => when(v), width: 170 },
    { title: t('staff.level'), dataIndex: 'level', render: (v: number) => <LevelTag level={v} /> },
    { title: t('staff.subject'), render: (_, e) => (e.subject === 'case' ? `${e.caseNumber ?? ''} ${e.itemName ?? ''}` : `${t('subject.window_visit')} ${e.windowName ?? ''}`) },
    { title: t('staff.unit'), dataIndex: 'unitName' },
    { title: t('staff.comment'), dataIndex: 'comment', ellipsis: true },
    { title: t('staff.evaluator'), render: (_, e) => `${e.evaluatorName ?? '—'} ${e.evaluatorPhone ?? ''}` },
    {
      title: t('staff.state'),
      render: (_, e) =>
        e.rectification ? (
          <Button type="link" size="small" onClick={() => onOpen(e.rectification!.id)}>
            <RectificationTag r={e.rectification} />
          </Button>
        ) : e.isValid ? null : (
          <Tag>{t('state.invalidated')}</Tag>
        ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          style={{ width: 160 }}
          allowClear
          placeholder={t('staff.level')}
          value={level}
          onChange={(v: number | undefined) => {
            setLevel(v);
            setPage(1);
          }}
          options={EVALUATION_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))}
        />
        <Switch checked={badOnly} onChange={setBadOnly} /> {t('staff.onlyBad')}
      </Space>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        />
      )}
    </>
  );
}

function RectificationList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation('evaluations');
  const [filter, setFilter] = useState<'all' | 'open' | 'overdue'>('open');
  const [page, setPage] = useState(1);
  const list = useRectifications({ open: filter === 'open' ? 'true' : undefined, overdue: filter === 'overdue' ? 'true' : undefined, limit: 20, offset: (page - 1) * 20 });
  const columns: TableColumnsType<Rectification> = [
    { title: t('staff.createdAt'), dataIndex: 'createdAt', render: (v: string) => when(v), width: 170 },
    { title: t('staff.level'), render: (_, r) => <LevelTag level={r.evaluation.level} /> },
    { title: t('staff.unit'), dataIndex: 'unitName' },
    { title: t('staff.comment'), render: (_, r) => r.evaluation.comment, ellipsis: true },
    { title: t('staff.deadline'), dataIndex: 'deadline' },
    { title: t('staff.state'), render: (_, r) => <RectificationTag r={r} /> },
    {
      title: '',
      render: (_, r) => (
        <Button size="small" onClick={() => onOpen(r.id)}>
          {t('staff.detail')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Radio.Group
        value={filter}
        onChange={(e) => {
          setFilter(e.target.value as typeof filter);
          setPage(1);
        }}
        style={{ marginBottom: 12 }}
        optionType="button"
        options={[
          { value: 'open', label: t('staff.onlyOpen') },
          { value: 'overdue', label: t('staff.onlyOverdue') },
          { value: 'all', label: t('staff.all') },
        ]}
      />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 900 }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        />
      )}
    </>
  );
}

type Dialog = { action: RectificationAction; outcome?: 'rectified' | 'unable_to_rectify'; approve?: boolean; title: string } | null;

function RectificationDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation('evaluations');
  const { message } = AntApp.useApp();
  const query = useRectification(id);
  const act = useRectificationAction(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const r = query.data;

  const run = async () => {
    if (!r || !dialog) return;
    const values = await form.validateFields();
    const body: Record<string, unknown> = { version: r.version, ...values };
    if (dialog.outcome) body.outcome = dialog.outcome;
    if (dialog.approve !== undefined) body.approve = dialog.approve;
    try {
      await act.mutateAsync({ action: dialog.action, body });
      setDialog(null);
      form.resetFields();
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };

  const field = (name: string, label: string) => (
    <Form.Item name={name} label={label} rules={[{ required: true, whitespace: true }]}>
      <Input.TextArea rows={3} maxLength={1000} />
    </Form.Item>
  );

  return (
    <Drawer open width={Math.min(640, window.innerWidth)} title={t('staff.detail')} onClose={onClose} destroyOnHidden>
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.refetch()} />}
      {r && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('staff.level')}>
              <LevelTag level={r.evaluation.level} />
            </Descriptions.Item>
            <Descriptions.Item label={t('staff.subject')}>
              {r.evaluation.subject === 'case' ? `${r.evaluation.caseNumber ?? ''} ${r.evaluation.itemName ?? ''}` : `${r.evaluation.windowName ?? ''} ${r.evaluation.visitDate ?? ''}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('staff.comment')}>{r.evaluation.comment}</Descriptions.Item>
            <Descriptions.Item label={t('staff.evaluator')}>
              {r.evaluation.evaluatorName ?? '—'} {r.evaluation.evaluatorPhone ?? ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('staff.unit')}>{r.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('staff.deadline')}>{r.deadline}</Descriptions.Item>
            <Descriptions.Item label={t('staff.state')}>
              <RectificationTag r={r} />
            </Descriptions.Item>
            {r.finding && <Descriptions.Item label={t('staff.finding')}>{r.finding}</Descriptions.Item>}
            {r.plan && <Descriptions.Item label={t('staff.plan')}>{r.plan}</Descriptions.Item>}
            {r.callback && (
              <Descriptions.Item label={t('staff.callback')}>
                {r.callback.byName} · {when(r.callback.at)} · {t(`method.${r.callback.method}`)} · {r.callback.satisfactionLabel}
                {r.callback.note ? ` · ${r.callback.note}` : ''}
              </Descriptions.Item>
            )}
            {r.result && <Descriptions.Item label={t('staff.result')}>{r.result}</Descriptions.Item>}
            {r.review.status !== 'none' && (
              <Descriptions.Item label={t('staff.reviewTitle')}>
                {t(`review.${r.review.status}`)} · {r.review.category ? t(`category.${r.review.category}`) : ''} · {r.review.reason}
                {r.review.decisionReason ? ` → ${r.review.decisionReason}` : ''}
              </Descriptions.Item>
            )}
          </Descriptions>
          {r.state === 'rectifying' && !r.callback && <p className="ow-muted">{t('staff.callbackRequired')}</p>}
          <Space wrap>
            {r.abilities.verify && <Button type="primary" onClick={() => setDialog({ action: 'verify', title: t('staff.actions.verify') })}>{t('staff.actions.verify')}</Button>}
            {r.abilities.start && <Button type="primary" onClick={() => setDialog({ action: 'start', title: t('staff.actions.start') })}>{t('staff.actions.start')}</Button>}
            {r.abilities.callback && <Button onClick={() => setDialog({ action: 'callback', title: t('staff.actions.callback') })}>{t('staff.actions.callback')}</Button>}
            {r.abilities.close && (
              <>
                <Button type="primary" onClick={() => setDialog({ action: 'close', outcome: 'rectified', title: t('staff.actions.closeRectified') })}>{t('staff.actions.closeRectified')}</Button>
                <Button onClick={() => setDialog({ action: 'close', outcome: 'unable_to_rectify', title: t('staff.actions.closeUnable') })}>{t('staff.actions.closeUnable')}</Button>
              </>
            )}
            {r.abilities.requestReview && <Button danger onClick={() => setDialog({ action: 'review-request', title: t('staff.actions.requestReview') })}>{t('staff.actions.requestReview')}</Button>}
            {r.abilities.decideReview && (
              <>
                <Button danger type="primary" onClick={() => setDialog({ action: 'review-decision', approve: true, title: t('staff.actions.approve') })}>{t('staff.actions.approve')}</Button>
                <Button onClick={() => setDialog({ action: 'review-decision', approve: false, title: t('staff.actions.reject') })}>{t('staff.actions.reject')}</Button>
              </>
            )}
          </Space>
        </Space>
      )}
      <Modal open={dialog !== null} title={dialog?.title} onCancel={() => setDialog(null)} onOk={() => void run()} confirmLoading={act.isPending} destroyOnHidden>
        <Form form={form} layout="vertical" preserve={false} initialValues={{ method: 'phone', satisfaction: 4 }}>
          {dialog?.action === 'verify' && field('finding', t('staff.finding'))}
          {dialog?.action === 'start' && field('plan', t('staff.plan'))}
          {dialog?.action === 'close' && field('result', t('staff.result'))}
          {dialog?.action === 'callback' && (
            <>
              <Form.Item name="method" label={t('staff.callbackMethod')} rules={[{ required: true }]}>
                <Radio.Group options={CALLBACK_METHODS.map((m) => ({ value: m, label: t(`method.${m}`) }))} />
              </Form.Item>
              <Form.Item name="satisfaction" label={t('staff.satisfaction')} rules={[{ required: true }]}>
                <Select options={EVALUATION_LEVELS.map((l) => ({ value: l, label: t(`level.${l}`) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('staff.note')}>
                <Input.TextArea rows={2} maxLength={1000} />
              </Form.Item>
            </>
          )}
          {dialog?.action === 'review-request' && (
            <>
              <Form.Item name="category" label={t('staff.reviewCategory')} rules={[{ required: true }]}>
                <Select options={INVALID_REVIEW_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))} />
              </Form.Item>
              {field('reason', t('staff.reviewReason'))}
            </>
          )}
          {dialog?.action === 'review-decision' && field('reason', t('staff.decisionReason'))}
        </Form>
      </Modal>
    </Drawer>
  );
}

function ComplaintList() {
  const { t } = useTranslation('evaluations');
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const list = useComplaints({ limit: 20, offset: (page - 1) * 20 });
  const act = useComplaintAction();
  const org = usePublicOrg();
  const [dialog, setDialog] = useState<{ c: Complaint; action: 'assign' | 'reply' } | null>(null);
  const [form] = Form.useForm<Record<string, unknown>>();
  const units = org.data ? [...org.data.sections, ...org.data.centres, ...org.data.departments, ...org.data.centerUnits] : [];

  const run = async (c: Complaint, action: 'assign' | 'reply' | 'close', values: Record<string, unknown> = {}) => {
    try {
      await act.mutateAsync({ id: c.id, action, body: { version: c.version, ...values } });
      setDialog(null);
    } catch (err) {
      void message.error(errorMessage(err));
    }
  };
  const columns: TableColumnsType<Complaint> = [
    { title: t('complaints.number'), dataIndex: 'number', width: 150 },
    { title: t('complaints.kind'), dataIndex: 'kind', render: (v: Complaint['kind']) => t(`complaints.kinds.${v}`) },
    { title: t('complaints.titleField'), dataIndex: 'title' },
    { title: t('complaints.content'), dataIndex: 'content', ellipsis: true },
    { title: t('staff.evaluator'), render: (_, c) => `${c.submitterName} ${c.contactPhone ?? ''}` },
    { title: t('staff.state'), dataIndex: 'state', render: (v: Complaint['state']) => <Tag>{t(`complaints.states.${v}`)}</Tag> },
    {
      title: '',
      render: (_, c) => (
        <Space>
          {c.abilities.assign && <Button size="small" onClick={() => setDialog({ c, action: 'assign' })}>{t('staff.assign')}</Button>}
          {c.abilities.reply && <Button size="small" type="primary" onClick={() => setDialog({ c, action: 'reply' })}>{t('staff.reply')}</Button>}
          {c.abilities.close && <Button size="small" onClick={() => void run(c, 'close')}>{t('staff.close')}</Button>}
        </Space>
      ),
    },
  ];
  return (
    <>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isFetching}
          dataSource={list.data?.items ?? []}
          columns={columns}
          scroll={{ x: 900 }}
          expandable={{ expandedRowRender: (c) => (c.reply ? `${t('complaints.reply')}：${c.reply}` : c.content) }}
          pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        />
      )}
      <Modal
        open={dialog !== null}
        title={dialog ? t(`staff.${dialog.action}`) : ''}
        onCancel={() => setDialog(null)}
        confirmLoading={act.isPending}
        destroyOnHidden
        onOk={() => void form.validateFields().then((v) => dialog && run(dialog.c, dialog.action, v))}
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.action === 'assign' && (
            <>
              <Form.Item name="unitId" label={t('staff.assignUnit')} rules={[{ required: true }]}>
                <Select showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
              <Form.Item name="note" label={t('staff.note')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </>
          )}
          {dialog?.action === 'reply' && (
            <Form.Item name="reply" label={t('staff.reply')} rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={4} maxLength={2000} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}

function Settings({ editable }: { editable: boolean }) {
  const { t } = useTranslation('evaluations');
  const { message } = AntApp.useApp();
  const settings = useSettings();
  const save = useSaveSettings();
  if (!settings.data) return null;
  return (
    <Form
      layout="vertical"
      style={{ maxWidth: 360 }}
      initialValues={settings.data}
      disabled={!editable}
      onFinish={(v: { rectificationDays: number; visitTokenMinutes: number }) =>
        void save.mutateAsync(v).then(
          () => message.success(t('staff.saved')),
          (err: unknown) => message.error(errorMessage(err)),
        )
      }
    >
      <Form.Item name="rectificationDays" label={t('staff.settingsDays')} rules={[{ required: true }]}>
        <InputNumber min={1} max={30} />
      </Form.Item>
      <Form.Item name="visitTokenMinutes" label={t('staff.settingsMinutes')} rules={[{ required: true }]}>
        <InputNumber min={5} max={1440} />
      </Form.Item>
      {editable && (
        <Button type="primary" htmlType="submit" loading={save.isPending}>
          {t('staff.save')}
        </Button>
      )}
    </Form>
  );
}

export default function EvaluationsPage() {
  const { t } = useTranslation('evaluations');
  const { can } = useSession();
  const [open, setOpen] = useState<string | null>(null);
  const canRead = can('evaluations.read');
  const tabs = [
    ...(canRead
      ? [
          { key: 'overview', label: t('staff.tabs.overview'), children: <Overview /> },
          { key: 'rectifications', label: t('staff.tabs.rectifications'), children: <RectificationList onOpen={setOpen} /> },
          { key: 'evaluations', label: t('staff.tabs.evaluations'), children: <EvaluationList onOpen={setOpen} /> },
        ]
      : []),
    ...(can('complaints.read') ? [{ key: 'complaints', label: t('staff.tabs.complaints'), children: <ComplaintList /> }] : []),
    ...(canRead ? [{ key: 'settings', label: t('staff.tabs.settings'), children: <Settings editable={can('evaluations.configure')} /> }] : []),
  ];
  return (
    <>
      <PageHeader title={t('staff.title')} />
      <Tabs items={tabs} destroyOnHidden />
      {open && <RectificationDetail id={open} onClose={() => setOpen(null)} />}
    </>
  );
}
