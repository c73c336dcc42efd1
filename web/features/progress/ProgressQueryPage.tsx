/**
 * 办件进度查询 without signing in (/progress): the case number with the applicant's phone or ID number. Sized for
 * a phone first; the number can come in the address (?number=) from the text message the applicant received.
 */
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client';
import type { MyCasePhase } from '../../api/applicant.types';
import { applyFieldErrors } from '../../components/form-errors';
import { uiLanguage } from '../../i18n';
import { DecisionTag, PhaseTag } from '../applicant/CaseBits';
import { formatDay, formatMoment } from '../applicant/applicant.format';
import '../applicant/applicant.css';

interface LookupForm {
  number: string;
  credential: string;
}

interface PublicProgress {
  number: string;
  itemCode: string;
  itemName: string;
  applicant: string;
  phase: MyCasePhase;
  decision: 'approved' | 'denied' | null;
  clock: { status: 'not_started' | 'running' | 'suspended' | 'ended'; dueDate: string | null; remainingDays: number | null; acceptedOn: string | null };
  createdAt: string;
  closedAt: string | null;
  events: { at: string; type: string; text: string }[];
  certificates: { number: string; displayNumber: string; title: string }[];
}

const CASE_NUMBER = /^\d{6}-\d{8}-\d{4,6}$/;

function ClockLine({ p }: { p: PublicProgress }) {
  const { t } = useTranslation('applicant');
  const lang = uiLanguage();
  const c = p.clock;
  if (c.status === 'running' && c.dueDate) {
    const left = c.remainingDays;
    return (
      <p className="ow-lookup__clock">
        {t('clock.dueLabel')}：<strong>{formatDay(c.dueDate, lang)}</strong>
        {left !== null && <span className="ow-muted">（{left > 0 ? t('clock.left', { count: left }) : left === 0 ? t('clock.dueToday') : t('clock.overdue', { count: -left })}）</span>}
      </p>
    );
  }
  if (c.status === 'suspended') return <p className="ow-lookup__clock">{t('clock.suspended')}</p>;
  if (c.status === 'ended') return <p className="ow-lookup__clock">{t('clock.endedLabel')}：{formatMoment(p.closedAt, lang)}</p>;
  return null;
}

export default function ProgressQueryPage() {
  const { t } = useTranslation('applicant');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const [form] = Form.useForm<LookupForm>();
  const lang = uiLanguage();

  useEffect(() => {
    document.title = `${t('lookup.title')} · ${tc('app.name')}`;
  }, [t, tc]);

  const lookup = useMutation({
    mutationFn: (body: LookupForm) => api.post<PublicProgress>('/api/public/case-progress', body),
    onError: (error) => applyFieldErrors(form, error),
  });

  const failure =
    lookup.error instanceof ApiError && lookup.error.status === 404
      ? t('lookup.notFound')
      : lookup.error instanceof ApiError && lookup.error.status === 429
        ? t('lookup.tooMany')
        : lookup.error && !(lookup.error instanceof ApiError && lookup.error.status === 400)
          ? errorMessage(lookup.error)
          : null;
  const p = lookup.data;
  // On a phone the answer lands below the fold: bring it up and give it the focus, so it is seen and read out.
  const resultHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (!p) return;
    resultHeading.current?.scrollIntoView({ block: 'start' });
    resultHeading.current?.focus({ preventScroll: true });
  }, [p]);

  return (
    <div className="ow-container ow-page ow-applicant ow-lookup">
      <h1 className="ow-page__title">{t('lookup.title')}</h1>
      <p className="ow-muted">{t('lookup.lead')}</p>
      <section className="ow-panel">
        <Form
          form={form}
          layout="vertical"
          size="large"
          name="progress-lookup"
          initialValues={{ number: params.get('number') ?? '', credential: '' }}
          onFinish={(v) => lookup.mutate({ number: v.number.trim(), credential: v.credential.trim() })}
          requiredMark={false}
        >
          <Form.Item
            label={t('lookup.number')}
            name="number"
            rules={[
              { required: true, whitespace: true, message: t('lookup.numberRequired') },
              { pattern: CASE_NUMBER, message: t('lookup.numberFormat') },
            ]}
          >
            <Input inputMode="numeric" autoComplete="off" placeholder={t('lookup.numberPlaceholder')} maxLength={22} />
          </Form.Item>
          <Form.Item label={t('lookup.credential')} name="credential" rules={[{ required: true, whitespace: true, message: t('lookup.credentialRequired') }]}>
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
          {failure && <Alert type="error" showIcon role="alert" className="ow-inline-alert" message={failure} />}
          <Button type="primary" htmlType="submit" block loading={lookup.isPending}>
            {t('lookup.submit')}
          </Button>
        </Form>
        <p className="ow-small ow-muted ow-lookup__signin">
          <Link to="/login?next=/my/cases">{t('lookup.signIn')}</Link>
        </p>
      </section>

      {p && (
        <section className="ow-panel" aria-live="polite" aria-labelledby="lookup-result">
          <h2 id="lookup-result" className="ow-subtitle" ref={resultHeading} tabIndex={-1}>
            {p.itemName}
          </h2>
          <div className="ow-case-head__tags">
            <PhaseTag phase={p.phase} />
            <DecisionTag decision={p.decision} />
            <Tag className="ow-mono">{p.number}</Tag>
          </div>
          <dl className="ow-facts">
            <div>
              <dt>{t('lookup.applicant')}</dt>
              <dd>{p.applicant}</dd>
            </div>
            <div>
              <dt>{t('lookup.item')}</dt>
              <dd>
                <Link to={`/items/${encodeURIComponent(p.itemCode)}`}>{p.itemCode}</Link>
              </dd>
            </div>
            {p.clock.acceptedOn && (
              <div>
                <dt>{t('clock.acceptedOn')}</dt>
                <dd>{formatDay(p.clock.acceptedOn, lang)}</dd>
              </div>
            )}
          </dl>
          <ClockLine p={p} />
          {p.certificates.length > 0 && (
            <>
              <h3 className="ow-subtitle">{t('lookup.certificates')}</h3>
              <ul className="ow-plain-list">
                {p.certificates.map((c) => (
                  <li key={c.number}>
                    {c.title} <span className="ow-mono">{c.displayNumber}</span> <Link to={`/verify/${encodeURIComponent(c.number)}`}>{t('lookup.verify')}</Link>
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3 className="ow-subtitle">{t('lookup.timeline')}</h3>
          <Timeline
            className="ow-timeline"
            items={[...p.events].reverse().map((e, i) => ({
              key: `${e.at}-${i}`,
              children: (
                <div className="ow-timeline__item">
                  <time className="ow-timeline__time" dateTime={e.at}>
                    {formatMoment(e.at, lang)}
                  </time>
                  <div className="ow-timeline__text">{e.text}</div>
                </div>
              ),
            }))}
          />
        </section>
      )}
    </div>
  );
}
