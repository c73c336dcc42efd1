/** Small pieces shown wherever certificates are: the status tag and the validity line. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CertificateStatus } from '../../api/certificates.types';
import { useLabels } from '../../i18n/labels';
import { formatDate, STATUS_COLORS } from './certificates.format';

export function CertificateStatusTag({ status }: { status: CertificateStatus }) {
  const { t } = useTranslation('certificates');
  return (
    <Tag color={STATUS_COLORS[status]} className={`ow-cert-tag ow-cert-tag--${status}`}>
      {t(`status.${status}`)}
    </Tag>
  );
}

/** 2026年11月28日 至 2031年11月27日 (each date kept on one line), or 长期 when the certificate does not expire. */
export function Validity({ issuedOn, validUntil }: { issuedOn: string; validUntil: string | null }) {
  const { t } = useTranslation('certificates');
  const { lang } = useLabels();
  if (!validUntil) return <>{t('field.validLong', { from: formatDate(issuedOn, lang) })}</>;
  return (
    <>
      <span className="ow-cert-nowrap">{formatDate(issuedOn, lang)}</span> {t('field.validTo')} <span className="ow-cert-nowrap">{formatDate(validUntil, lang)}</span>
    </>
  );
}
