/**
 * 我的投诉建议 (/my/complaints): submit a complaint or suggestion, optionally about one of one's cases, and
 * follow each by its tracking number to the reply.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Select, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client';
import type { Complaint, MyComplaintBody } from '../../api/evaluations.types';
import { EmptyState, ErrorState } from '../../components/States';
import { applyFieldErrors } from '../../components/form-errors';
import { useLabels } from '../../i18n/labels';
import { ApplicantGate } from '../applicant/ApplicantGate';
import { useMyCases } from '../applicant/applicant.api';
import { formatMoment } from '../applicant/applicant.format';
import { useMyComplaints, useSubmitComplaint } from './evaluations.api';
import '../applicant/applicant.css';
import './evaluations.css';

function ComplaintItem({ c }: { c: Complaint }) {
  const { t } = useTranslation('evaluations');
  const { lang } = useLabels();
  return (
    <li className="ow-panel" data-testid="complaint">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <strong>
          {t(`complaints.kinds.${c.kind}`)}：{c.title}
        </strong>
        <Tag color={c.state === 'replied' || c.state === 'closed' ? 'green' : 'blue'}>{t(`complaints.states.${c.state}`)}</Tag>
      </div>
      <p className="ow-small ow-muted">
        {t('complaints.number')} <span className="ow-mono">{c.number}</span> · {t('complaints.submittedAt')} {formatMoment(c.createdAt, lang)}
        {c.caseNumber ? ` · ${c.caseNumber}` : ''}
      </p>
      <p className="ow-pre">{c.content}</p>
      {c.assignedUnitName && (
        <p className="ow-small">
          {t('complaints.assignedTo')}：{c.assignedUnitName}
        </p>
      )}
      {c.reply && (
        <Alert
          type="success"
          message={`${t('complaints.reply')}（${formatMoment(c.repliedAt, lang)}）`}
          description={<span className="ow-pre">{c.reply}</span>}
        />
      )}
    </li>
  );
}

function ComplaintForm() {
  const { t } = useTranslation('evaluations');
  const [form] = Form.useForm<MyComplaintBody>();
  const submit = useSubmitComplaint();
  const cases = useMyCases({ limit: 100, offset: 0 });
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const onFinish = async (values: MyComplaintBody) => {
    setFailure(null);
    try {
      const c = await submit.mutateAsync({ ...values, contactPhone: values.contactPhone || undefined });
      setDone(c.number);
      form.resetFields();
    } catch (err) {
      const rest = applyFieldErrors(form, err);
      if (!(err instanceof ApiError) || err.fields.length === 0) setFailure(errorMessage(err));
      else if (rest.length) setFailure(rest.map((f) => f.message).join(' '));
    }
  };
  return (
    <section className="ow-panel" aria-labelledby="complaint-new">
      <h2 id="complaint-new" className="ow-subtitle">
        {t('complaints.new')}
      </h2>
      {done && <Alert type="success" showIcon role="status" message={t('complaints.submitted', { number: done })} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ kind: 'complaint' }} onFinish={(v) => void onFinish(v)}>
        {/* Always set (no clearing): no required rule, which antd would put as aria-required on the Select's box. */}
        <Form.Item name="kind" label={t('complaints.kind')}>
          <Select
            options={[
              { value: 'complaint', label: t('complaints.kinds.complaint') },
              { value: 'suggestion', label: t('complaints.kinds.suggestion') },
            ]}
          />
        </Form.Item>
        <Form.Item name="title" label={t('complaints.titleField')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="content" label={t('complaints.content')} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item name="caseId" label={t('complaints.case')}>
          <Select allowClear options={(cases.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.number} ${c.itemName}` }))} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('complaints.phone')}>
          <Input inputMode="tel" maxLength={11} />
        </Form.Item>
        {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" loading={submit.isPending} className="ow-rate-submit">
          {t('complaints.submit')}
        </Button>
      </Form>
    </section>
  );
}

function MyComplaints() {
  const { t } = useTranslation('evaluations');
  const { t: tc } = useTranslation();
  const list = useMyComplaints();
  useEffect(() => {
    document.title = `${t('complaints.title')} · ${tc('app.name')}`;
  }, [t, tc]);
  return (
    <div className="ow-container ow-page ow-applicant">
      <h1 className="ow-page__title">{t('complaints.title')}</h1>
      <p className="ow-muted">{t('complaints.intro')}</p>
      <ComplaintForm />
      {list.isPending && <Skeleton active />}
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <EmptyState description={t('complaints.none')} />}
      {list.data && list.data.items.length > 0 && (
        <ul style={{ listStyle: 'none', padding: 0 }}>
          {list.data.items.map((c) => (
            <ComplaintItem key={c.id} c={c} />
          ))}
        </ul>
      )}
    </div>
  );
}

export default function MyComplaintsPage() {
  return <ApplicantGate>{() => <MyComplaints />}</ApplicantGate>;
}
