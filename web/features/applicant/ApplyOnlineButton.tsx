/** The guide's 在线申请 button, shown only for items that can be applied for online (isOnline). */
import { Link } from 'react-router';
import { FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import './applicant-entry.css';

export function ApplyOnlineButton({ code, isOnline }: { code: string; isOnline: boolean }) {
  const { t } = useTranslation('applicant');
  if (!isOnline) return null;
  return (
    <div className="ow-apply-online">
      <Link to={`/apply/${encodeURIComponent(code)}`} className="ow-apply-online__button">
        <FormOutlined aria-hidden /> {t('guideButton.apply')}
      </Link>
      <span className="ow-apply-online__hint">{t('guideButton.hint')}</span>
    </div>
  );
}
