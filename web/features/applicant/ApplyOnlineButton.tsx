/** The guide's 在线申请 button (items that can be applied for online) and 预约办理 (every item). */
import { Link } from 'react-router';
import { CalendarOutlined, FormOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import './applicant-entry.css';

export function ApplyOnlineButton({ code, isOnline }: { code: string; isOnline: boolean }) {
  const { t } = useTranslation('applicant');
  return (
    <div className="ow-apply-online">
      {isOnline && (
        <Link to={`/apply/${encodeURIComponent(code)}`} className="ow-apply-online__button">
          <FormOutlined aria-hidden /> {t('guideButton.apply')}
        </Link>
      )}
      <Link to={`/appointments/new?item=${encodeURIComponent(code)}`} className="ow-apply-online__book">
        <CalendarOutlined aria-hidden /> {t('guideButton.book')}
      </Link>
      {isOnline && <span className="ow-apply-online__hint">{t('guideButton.hint')}</span>}
    </div>
  );
}
