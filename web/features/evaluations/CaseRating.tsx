/**
 * 好差评 on the applicant's closed case: the rating form until they have rated, then their rating (and, for a
 * 差评, the rectification's deadline and progress). A case taken at a window also lets them rate the window.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Button, Skeleton, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Evaluation } from '../../api/evaluations.types';
import { RatingForm } from './RatingForm';
import { useMyEvaluations, useRate } from './evaluations.api';

function RatingShown({ e }: { e: Evaluation }) {
  const { t } = useTranslation('evaluations');
  const dims = Object.entries(e.dimensions);
  return (
    <div className="ow-rate-result" data-testid={`rating-${e.subject}`}>
      <p>
        {t(`subject.${e.subject}`)}：<span className="ow-rate-result__level">{t(`level.${e.level}` as 'level.5')}</span>
      </p>
      {dims.length > 0 && (
        <p className="ow-small">
          {dims.map(([d, v]) => `${t(`dimension.${d}` as 'dimension.efficiency')} ${'★'.repeat(v)}`).join('　')}
        </p>
      )}
      {e.comment && <p className="ow-pre">{e.comment}</p>}
      {e.rectification && (
        <p className="ow-small">
          {t('rate.badFollowUp', { date: e.rectification.deadline })} <Tag>{t('rate.rectificationState', { state: t(`state.${e.rectification.state}`) })}</Tag>
        </p>
      )}
    </div>
  );
}

export function CaseRating({ caseId, fromWindow }: { caseId: string; fromWindow: boolean }) {
  const { t } = useTranslation('evaluations');
  const mine = useMyEvaluations(caseId);
  const rate = useRate();
  const [ratingWindow, setRatingWindow] = useState(false);
  if (mine.isPending) return <Skeleton active paragraph={{ rows: 2 }} />;
  const items = mine.data?.items ?? [];
  const ofCase = items.find((e) => e.subject === 'case');
  const ofWindow = items.find((e) => e.subject === 'window_visit');
  return (
    <section className="ow-panel" aria-labelledby="rating-title">
      <h2 id="rating-title" className="ow-subtitle">
        {ofCase ? t('rate.yours') : t('rate.title')}
      </h2>
      {ofCase ? (
        <>
          <p role="status">{t('rate.thanks')}</p>
          <RatingShown e={ofCase} />
        </>
      ) : (
        <RatingForm
          heading={<p className="ow-small ow-muted">{t('rate.intro')}</p>}
          pending={rate.isPending}
          onSubmit={(v) => rate.mutateAsync({ subject: 'case', caseId, level: v.level, dimensions: v.dimensions, comment: v.comment, channel: 'online' })}
        />
      )}
      {ofWindow && <RatingShown e={ofWindow} />}
      {ofCase && fromWindow && !ofWindow && !ratingWindow && (
        <Button onClick={() => setRatingWindow(true)}>{t('rate.rateWindow')}</Button>
      )}
      {ofCase && !ofWindow && ratingWindow && (
        <RatingForm
          heading={<h3 className="ow-subtitle">{t('rate.windowTitle')}</h3>}
          pending={rate.isPending}
          onSubmit={(v) => rate.mutateAsync({ subject: 'window_visit', caseId, level: v.level, dimensions: v.dimensions, comment: v.comment, channel: 'online' })}
        />
      )}
      <p className="ow-small" style={{ marginTop: 12 }}>
        <Link to="/my/complaints">{t('rate.complaints')}</Link>
      </p>
    </section>
  );
}
