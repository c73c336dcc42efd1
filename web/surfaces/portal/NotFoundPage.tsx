import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="ow-container ow-page ow-not-found">
      <p className="ow-not-found__code" aria-hidden="true">
        404
      </p>
      <h1 className="ow-page__title">{t('state.notFound')}</h1>
      <p className="ow-muted">{t('state.notFoundHint')}</p>
      <Link to="/">{t('state.backHome')}</Link>
    </div>
  );
}
