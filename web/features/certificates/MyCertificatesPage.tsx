/**
 * 我的证照: the e-certificates issued to the signed-in applicant (by their ID number or credit code), each with
 * its status, the signed PDF to download and a link to the public verification page to show others.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Skeleton } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import type { Certificate } from '../../api/certificates.types';
import { EmptyState, ErrorState } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { ApplicantGate } from '../applicant/ApplicantGate';
import { CertificateStatusTag } from './CertificateBits';
import { downloadCertificatePdf, useMyCertificates } from './certificates.api';
import { formatDate } from './certificates.format';
import './certificates.css';

function CertificateItem({ c }: { c: Certificate }) {
  const { t } = useTranslation('certificates');
  const { lang } = useLabels();
  const [downloading, setDownloading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const download = async () => {
    setDownloading(true);
    setFailure(null);
    try {
      await downloadCertificatePdf(c);
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setDownloading(false);
    }
  };
  return (
    <li className={`ow-cert-item ow-cert-item--${c.status}`}>
      <div className="ow-cert-item__head">
        <h2 className="ow-cert-item__title">{c.title}</h2>
        <CertificateStatusTag status={c.status} />
      </div>
      <div className="ow-cert-item__meta">
        <span className="ow-cert-mono">{c.displayNumber}</span>
        <span>{t('mine.versionN', { version: c.version })}</span>
        <span>{t('mine.issued', { date: formatDate(c.issuedOn, lang) })}</span>
        <span>{c.validUntil ? t('mine.validUntil', { date: formatDate(c.validUntil, lang) }) : t('mine.longTerm')}</span>
      </div>
      {c.status === 'revoked' && c.statusReason && <p className="ow-cert-item__reason">{t('verify.reason', { reason: c.statusReason })}</p>}
      <div className="ow-cert-item__actions">
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()}>
          {t('mine.download')}
          {/* Read after the visible words, so that the name still begins with them. */}
          <span className="ow-visually-hidden">{t('mine.downloadOf', { title: c.title, number: c.displayNumber })}</span>
        </Button>
        <Link to={`/verify/${c.number}`} className="ow-cert-item__verify" aria-label={t('mine.verifyPageOf', { title: c.title, number: c.displayNumber })}>
          <SafetyCertificateOutlined aria-hidden /> {t('mine.verifyPage')}
        </Link>
      </div>
      {failure && <Alert type="error" showIcon style={{ marginTop: 8 }} message={failure} />}
    </li>
  );
}

function MyCertificates() {
  const { t } = useTranslation('certificates');
  const { t: tc } = useTranslation();
  const certificates = useMyCertificates();

  useEffect(() => {
    document.title = `${t('mine.title')} · ${tc('app.name')}`;
  }, [t, tc]);

  return (
    <div className="ow-container ow-page ow-cert-page">
      <div className="ow-cert-item__head">
        <h1 className="ow-page__title">{t('mine.title')}</h1>
        <Link to="/my/cases" className="ow-cert-mine__cases">
          {t('mine.myCases')}
        </Link>
      </div>
      <p className="ow-page__lead">{t('mine.lead')}</p>
      {certificates.isPending && <Skeleton active paragraph={{ rows: 4 }} />}
      {certificates.isError && <ErrorState error={certificates.error} onRetry={() => void certificates.refetch()} />}
      {certificates.data && certificates.data.length === 0 && <EmptyState description={t('mine.empty')} />}
      {certificates.data && certificates.data.length > 0 && (
        <>
          <p className="ow-muted ow-small">{t('mine.total', { count: certificates.data.length })}</p>
          <ul className="ow-cert-list">
            {certificates.data.map((c) => (
              <CertificateItem key={c.id} c={c} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export default function MyCertificatesPage() {
  return <ApplicantGate>{() => <MyCertificates />}</ApplicantGate>;
}
