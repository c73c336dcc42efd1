/**
 * What the clerk hands over after an intake: the case number, the promised completion date and the notices to
 * print at one click (受理通知书 and 限时办结卡, or 一次性告知单, or 不予受理通知书); then 下一位 (Alt+N).
 */
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Button, Card, Descriptions, Result, Space, Typography } from 'antd';
import { ArrowRightOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../api/cases.types';
import { DocumentButtons, PhaseTag } from './CaseBits';
import { documentsFor } from './cases.format';

function resultTitleKey(c: CaseDetail) {
  switch (c.phase) {
    case 'in_progress':
    case 'suspended':
      return 'intake.result.accepted' as const;
    case 'awaiting_materials':
      return 'intake.result.awaiting_materials' as const;
    case 'refused':
      return 'intake.result.refused' as const;
    case 'closed':
      return 'intake.result.closed' as const;
    case 'submitted':
      return 'intake.result.submitted' as const;
    case 'draft':
    case 'withdrawn':
      return 'intake.result.other' as const;
  }
}

export function IntakeResult({ result, onNext }: { result: CaseDetail; onNext: () => void }) {
  const { t } = useTranslation('cases');
  const nextRef = useRef<HTMLButtonElement>(null);
  const onNextRef = useRef(onNext);
  onNextRef.current = onNext;
  useEffect(() => {
    nextRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyN') {
        e.preventDefault();
        onNextRef.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const status = result.phase === 'refused' ? 'warning' : result.phase === 'awaiting_materials' ? 'info' : 'success';
  const kinds = documentsFor(result);
  return (
    <Card className="ow-intake-result">
      <Result
        status={status}
        title={t(resultTitleKey(result))}
        subTitle={
          <span>
            {result.itemName} · {result.applicantName}
          </span>
        }
        extra={
          <Space wrap>
            <Button ref={nextRef} type="primary" size="large" icon={<UserAddOutlined />} onClick={onNext} title={t('intake.result.nextHint')} aria-keyshortcuts="Alt+N">
              {t('intake.result.next')}
              <kbd className="ow-kbd">Alt+N</kbd>
            </Button>
            <Link to={`/staff/cases/${result.id}`}>
              <Button size="large" icon={<ArrowRightOutlined />}>
                {t('intake.result.open')}
              </Button>
            </Link>
          </Space>
        }
      />
      <Descriptions
        bordered
        size="middle"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'number',
            label: t('intake.result.caseNumber'),
            children: (
              <Typography.Text className="ow-case-number" copyable={{ tooltips: [t('intake.result.copy'), '✓'] }}>
                {result.number}
              </Typography.Text>
            ),
          },
          {
            key: 'due',
            label: t('intake.result.promisedDate'),
            children: result.clock.dueDate ? (
              <strong className="ow-case-due">{result.clock.dueDate}</strong>
            ) : result.acceptedOn && result.clock.promisedDays === 0 ? (
              t('common.instant')
            ) : (
              <span className="ow-muted">{t('intake.result.noClock')}</span>
            ),
          },
          { key: 'phase', label: t('case.phase'), children: <PhaseTag phase={result.phase} /> },
          { key: 'applicant', label: t('intake.result.applicant'), children: `${result.applicant.name}（${result.applicant.idNumber}）` },
          { key: 'item', label: t('intake.result.item'), children: `${result.itemCode} ${result.itemName}`, span: { xs: 1, md: 2 } },
          { key: 'print', label: t('intake.result.print'), children: <DocumentButtons caseId={result.id} kinds={kinds} size="large" />, span: { xs: 1, md: 2 } },
        ]}
      />
    </Card>
  );
}
