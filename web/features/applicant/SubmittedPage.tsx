/** The result of 提交申请: submitted, waiting for the window's online pre-review, with the case number. */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/States';
import { ApplicantGate } from './ApplicantGate';
import { useMyCase } from './applicant.api';
import './applicant.css';

function Submitted({ id }: { id: string }) {
  const { t } = useTranslation('applicant');
  const { t: tc } = useTranslation();
  const query = useMyCase(id);

  useEffect(() => {
    document.title = `${t('submitted.title')} · ${tc('app.name')}`;
  }, [t, tc]);

  if (query.isPending) return <Skeleton active paragraph={{ rows: 6 }} />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} title={t('progress.notFound')} />;
  const c = query.data;
  const isWaiting = c.phase === 'submitted';
  return (
    <Result
      status={isWaiting ? 'success' : 'info'}
      className="ow-panel ow-submitted"
      title={
        <h1 className="ow-submitted__title">
          {isWaiting ? (
            <>
              <span>{t('submitted.titleDone')}</span>
              <span>{t('submitted.titleWaiting')}</span>
            </>
          ) : (
            t(`phase.${c.phase}`)
          )}
        </h1>
      }
      subTitle={
        <div className="ow-submitted__facts">
          <p>
            {t('submitted.item')}
            <strong>{c.itemName}</strong>
          </p>
          <p>
            {t('submitted.number')}
            <strong className="ow-mono ow-submitted__number">{c.number}</strong>
          </p>
          <p className="ow-small">{t('submitted.text')}</p>
        </div>
      }
      extra={
        <div className="ow-submitted__actions">
          <Link to={`/my/cases/${c.id}`} className="ow-next__button">
            {t('submitted.progress')}
          </Link>
          <Link to="/my/cases">{t('submitted.myCases')}</Link>
        </div>
      }
    />
  );
}

export default function SubmittedPage() {
  const { id = '' } = useParams();
  return (
    <ApplicantGate>
      {() => (
        <div className="ow-container ow-page ow-applicant">
          <Submitted id={id} />
        </div>
      )}
    </ApplicantGate>
  );
}
