/**
 * /rate/:token — rating a window visit with the one-time code the clerk's screen shows, without signing in
 * (on the clerk's tablet or the applicant's phone). A 差评 asks for a mobile number for the call-back.
 */
import { useEffect } from 'react';
import { useParams } from 'react-router';
import { Alert, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { RatingForm } from './RatingForm';
import { usePublicVisit, useRateVisit } from './evaluations.api';
import '../applicant/applicant.css';

export default function RatePage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('evaluations');
  const { t: tc } = useTranslation();
  const visit = usePublicVisit(token);
  const rate = useRateVisit(token);
  useEffect(() => {
    document.title = `${t('rate.windowTitle')} · ${tc('app.name')}`;
  }, [t, tc]);
  return (
    <div className="ow-container ow-page ow-applicant">
      <h1 className="ow-page__title">{t('rate.windowTitle')}</h1>
      {visit.isPending && <Skeleton active />}
      {visit.isError && !rate.isSuccess && <Alert type="warning" showIcon message={t('rate.codeInvalid')} />}
      {rate.isSuccess && <Alert type="success" showIcon role="status" message={t('rate.thanks')} description={rate.data.rectification ? t('rate.badFollowUp', { date: rate.data.rectification.deadline }) : undefined} />}
      {visit.data && !rate.isSuccess && (
        <section className="ow-panel">
          <RatingForm
            askPhone
            heading={
              <p>
                {t('rate.visitAt', { window: visit.data.windowName, date: visit.data.visitDate })}
                {visit.data.itemName ? ` · ${visit.data.itemName}` : ''}
              </p>
            }
            pending={rate.isPending}
            onSubmit={(v) => rate.mutateAsync(v)}
          />
        </section>
      )}
    </div>
  );
}
