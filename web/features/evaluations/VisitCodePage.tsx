/**
 * 窗口评价码 (/staff/visit-code): the clerk shows a one-time code for the visit being served; the applicant
 * opens the link on this screen's device or their own phone and rates without signing in.
 */
import { Alert, Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { useIssueVisitToken } from './evaluations.api';

export default function VisitCodePage() {
  const { t } = useTranslation('evaluations');
  const issue = useIssueVisitToken();
  const code = issue.data;
  const url = code ? `${window.location.origin}${code.path}` : '';
  return (
    <>
      <PageHeader title={t('staff.visitCode')} />
      <Card style={{ maxWidth: 640 }}>
        <p>{t('staff.visitCodeIntro')}</p>
        <Button type="primary" loading={issue.isPending} onClick={() => issue.mutate(null)}>
          {t('staff.visitCodeNew')}
        </Button>
        {issue.isError && <Alert type="error" showIcon message={errorMessage(issue.error)} style={{ marginTop: 12 }} />}
        {code && (
          <div style={{ marginTop: 16 }}>
            <p>
              {code.windowName} · {code.visitDate} · {t('staff.visitCodeExpires', { time: new Date(code.expiresAt).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) })}
            </p>
            <Typography.Paragraph copyable={{ text: url }} style={{ fontSize: 16, wordBreak: 'break-all' }}>
              {url}
            </Typography.Paragraph>
            <a href={code.path} target="_blank" rel="noreferrer">
              {t('staff.openHere')}
            </a>
          </div>
        )}
      </Card>
    </>
  );
}
