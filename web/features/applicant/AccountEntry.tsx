/**
 * The header's way into the applicant's own area: 登录 when nobody is signed in, otherwise the account's
 * name leading to 我的办件 (or, for a staff account, to the console). Loaded with the first page, so it is
 * kept to a link and one query.
 */
import { Link, useLocation } from 'react-router';
import { UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApplicant, loginPath, usePortalMe } from './applicant.session';
import './applicant-entry.css';

export function AccountEntry() {
  const { t } = useTranslation('applicant');
  const { pathname, search } = useLocation();
  const me = usePortalMe();
  if (me.isPending) return <span className="ow-account-entry ow-account-entry--pending" aria-hidden="true" />;
  const account = me.data?.account;
  if (!account) {
    const here = pathname + search;
    const to = pathname === '/' || pathname.startsWith('/login') || pathname.startsWith('/register') ? '/login' : loginPath(here);
    return (
      <Link to={to} className="ow-staff-link ow-account-entry">
        {t('entry.signIn')}
      </Link>
    );
  }
  const isOwn = isApplicant(me.data);
  return (
    // Named by what it shows (我的办件 张明), so that a voice command naming the visible words finds it.
    <Link to={isOwn ? '/my/cases' : '/staff'} className="ow-staff-link ow-account-entry">
      <UserOutlined className="ow-account-entry__icon" aria-hidden />
      <span className="ow-account-entry__label">{isOwn ? t('entry.myCases') : t('entry.workbench')}</span>
      <span className="ow-account-entry__name">{account.displayName}</span>
    </Link>
  );
}
