/**
 * The public portal (威县政务服务网): home, the guide (办事指南), the organisation, and the applicant's own
 * area (sign-in, 网上申报, 我的办件, 办理进度). Only the home page is in the first download; the other pages
 * load when visited.
 */
import { lazy, Suspense, useEffect } from 'react';
import { Link, NavLink, Route, Routes, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { ElderModeToggle, ElderScope } from '../../components/ElderMode';
import { AccountEntry } from '../../features/applicant/AccountEntry';
import { PageLoading } from '../../components/States';
import { HomePage } from './HomePage';
import { NotFoundPage } from './NotFoundPage';

const ItemListPage = lazy(() => import('../../features/catalog/ItemListPage'));
const ItemGuidePage = lazy(() => import('../../features/catalog/ItemGuidePage'));
const OrgPage = lazy(() => import('../../features/org/OrgPage'));
// The applicant's own area (网上申报、我的办件、办理进度): each page its own chunk.
const LoginPage = lazy(() => import('../../features/applicant/LoginPage'));
const RegisterPage = lazy(() => import('../../features/applicant/RegisterPage'));
const MyCasesPage = lazy(() => import('../../features/applicant/MyCasesPage'));
const CaseProgressPage = lazy(() => import('../../features/applicant/CaseProgressPage'));
const EditApplicationPage = lazy(() => import('../../features/applicant/EditApplicationPage'));
const SubmittedPage = lazy(() => import('../../features/applicant/SubmittedPage'));
const ApplyPage = lazy(() => import('../../features/applicant/ApplyPage'));
// 电子证照: the public verification page (what the QR code opens) and the holder's own list.
const VerifyPage = lazy(() => import('../../features/certificates/VerifyPage'));
const MyCertificatesPage = lazy(() => import('../../features/certificates/MyCertificatesPage'));
// 好差评: the applicant's complaints and the window code's rating page (no sign-in).
const MyComplaintsPage = lazy(() => import('../../features/evaluations/MyComplaintsPage'));
const RatePage = lazy(() => import('../../features/evaluations/RatePage'));
// 预约办理 and 手机取号.
const BookPage = lazy(() => import('../../features/hall/BookPage'));
const MyAppointmentsPage = lazy(() => import('../../features/hall/MyAppointmentsPage'));
// 办件进度查询 without signing in.
const ProgressQueryPage = lazy(() => import('../../features/progress/ProgressQueryPage'));

function PortalHeader() {
  const { t } = useTranslation();
  return (
    <header className="ow-portal-header">
      <div className="ow-container ow-portal-header__bar">
        <Link to="/" className="ow-brand" title={t('app.homeLink')}>
          <span className="ow-brand__mark" aria-hidden="true">
            威
          </span>
          <span className="ow-brand__text">
            <span className="ow-brand__name">{t('app.name')}</span>
            <span className="ow-brand__sub">{t('app.brand')}</span>
          </span>
        </Link>
        <div className="ow-portal-header__tools">
          <ElderModeToggle />
          <LanguageSwitch />
          <AccountEntry />
          <Link to="/staff" className="ow-staff-link ow-elder-hide">
            {t('nav.staffLogin')}
          </Link>
        </div>
      </div>
      <nav className="ow-portal-nav" aria-label={t('nav.main')}>
        <div className="ow-container ow-portal-nav__list">
          <NavLink to="/" end>
            {t('nav.home')}
          </NavLink>
          <NavLink to="/items">{t('nav.items')}</NavLink>
          <NavLink to="/org">{t('nav.org')}</NavLink>
          <NavLink to="/progress">{t('nav.progress')}</NavLink>
          <NavLink to="/my/appointments">{t('nav.appointments')}</NavLink>
          <NavLink to="/verify">{t('nav.verify')}</NavLink>
        </div>
      </nav>
    </header>
  );
}

function PortalFooter() {
  const { t } = useTranslation();
  return (
    <footer className="ow-portal-footer">
      <div className="ow-container">
        <p className="ow-portal-footer__line">{t('footer.line')}</p>
        <p className="ow-portal-footer__note">{t('footer.note')}</p>
        <p className="ow-portal-footer__links">
          <Link to="/verify">{t('nav.verify')}</Link>
          <span aria-hidden="true"> · </span>
          <Link to="/staff">{t('nav.staffLogin')}</Link>
        </p>
      </div>
    </footer>
  );
}

/** Scrolls to the top when the page (not just the query string) changes. */
function ScrollToTop() {
  const { pathname } = useLocation();
  useEffect(() => {
    window.scrollTo(0, 0);
  }, [pathname]);
  return null;
}

function PortalPages() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  useEffect(() => {
    if (pathname === '/') document.title = `${t('app.name')} · ${t('app.brand')}`;
  }, [pathname, t]);
  return (
    <div className="ow-portal">
      <a href="#main" className="ow-skip-link">
        {t('nav.skip')}
      </a>
      <ScrollToTop />
      <PortalHeader />
      <main id="main" className="ow-portal-main">
        <Suspense fallback={<PageLoading />}>
          <Routes>
            <Route index element={<HomePage />} />
            <Route path="items" element={<ItemListPage />} />
            <Route path="items/:code" element={<ItemGuidePage />} />
            <Route path="org" element={<OrgPage />} />
            <Route path="login" element={<LoginPage />} />
            <Route path="register" element={<RegisterPage />} />
            <Route path="apply/:code" element={<ApplyPage />} />
            <Route path="my/cases" element={<MyCasesPage />} />
            <Route path="my/cases/:id" element={<CaseProgressPage />} />
            <Route path="my/cases/:id/edit" element={<EditApplicationPage />} />
            <Route path="my/cases/:id/submitted" element={<SubmittedPage />} />
            <Route path="my/certificates" element={<MyCertificatesPage />} />
            <Route path="my/complaints" element={<MyComplaintsPage />} />
            <Route path="rate/:token" element={<RatePage />} />
            <Route path="progress" element={<ProgressQueryPage />} />
            <Route path="appointments/new" element={<BookPage />} />
            <Route path="my/appointments" element={<MyAppointmentsPage />} />
            <Route path="verify" element={<VerifyPage />} />
            <Route path="verify/:number" element={<VerifyPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </main>
      <PortalFooter />
    </div>
  );
}

/** The portal in 长者模式 when the visitor chose it (components/ElderMode.tsx). */
export function PortalApp() {
  return (
    <ElderScope>
      <PortalPages />
    </ElderScope>
  );
}
