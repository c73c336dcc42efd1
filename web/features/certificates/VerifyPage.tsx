/**
 * 电子证照核验, what the QR code on every certificate opens (/verify/{number}): whether the certificate is in
 * force, whose it is (a person's name masked by the server), who issued it and when, and the SHA-256 of the
 * signed file. Anyone may also upload a PDF to learn whether it is an original, unaltered certificate. Built
 * for a phone held up to a paper certificate; /verify without a number offers a box to type one.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Form, Input, Upload } from 'antd';
import {
  CheckCircleFilled,
  ClockCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  FilePdfOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client';
import type { CertificateStatus, CertificateVerification, PublicCertificate } from '../../api/certificates.types';
import { ErrorState, PageLoading } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { CertificateStatusTag, Validity } from './CertificateBits';
import { usePublicCertificate, useVerifyFile, VERIFY_MAX_BYTES } from './certificates.api';
import { compactNumber, formatDate, isNumberShaped } from './certificates.format';
import './certificates.css';

const STATUS_ICONS: Record<CertificateStatus, ReactNode> = {
  valid: <CheckCircleFilled />,
  changed: <ExclamationCircleFilled />,
  revoked: <CloseCircleFilled />,
  expired: <ClockCircleFilled />,
};

/** The box to type a number into; hyphens, spaces and lower case are all accepted. */
function LookupBox({ initial = '' }: { initial?: string }) {
  const { t } = useTranslation('certificates');
  const navigate = useNavigate();
  const [form] = Form.useForm<{ number: string }>();
  return (
    <section className="ow-box ow-cert-lookup" aria-labelledby="cert-lookup-title">
      <h2 id="cert-lookup-title" className="ow-cert-section-title">
        {t('verify.lookupTitle')}
      </h2>
      <Form
        form={form}
        name="certificate-lookup"
        layout="vertical"
        initialValues={{ number: initial }}
        onFinish={({ number }) => void navigate(`/verify/${encodeURIComponent(compactNumber(number))}`)}
        requiredMark={false}
      >
        <Form.Item
          name="number"
          label={t('verify.numberLabel')}
          extra={t('verify.numberHint')}
          rules={[{ required: true, whitespace: true, message: t('verify.numberRequired') }]}
        >
          <Input
            size="large"
            className="ow-cert-mono"
            placeholder={t('verify.numberPlaceholder')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            allowClear
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block>
          {t('verify.lookup')}
        </Button>
      </Form>
    </section>
  );
}

function StatusBanner({ c }: { c: PublicCertificate }) {
  const { t } = useTranslation('certificates');
  const { lang } = useLabels();
  return (
    <div className={`ow-cert-status ow-cert-status--${c.status}`} role="status">
      <span className="ow-cert-status__icon" aria-hidden="true">
        {STATUS_ICONS[c.status]}
      </span>
      <div className="ow-cert-status__text">
        <p className="ow-cert-status__word">{t(`status.${c.status}`)}</p>
        <p className="ow-cert-status__line">{t(`verify.statusLine.${c.status}`)}</p>
        {c.status === 'revoked' && c.statusReason && <p className="ow-cert-status__reason">{t('verify.reason', { reason: c.statusReason })}</p>}
        {c.status === 'expired' && <p className="ow-cert-status__reason">{t('verify.expiredOn', { date: formatDate(c.validUntil, lang) })}</p>}
        {c.status === 'changed' && c.currentVersion !== c.version && (
          <p className="ow-cert-status__reason">
            <Link to={`/verify/${c.number}`}>{t('verify.currentVersion')}</Link>
          </p>
        )}
      </div>
    </div>
  );
}

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={`ow-cert-fact${wide ? ' ow-cert-fact--wide' : ''}`}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function CertificateCard({ c }: { c: PublicCertificate }) {
  const { t } = useTranslation('certificates');
  const { lang } = useLabels();
  return (
    <article className="ow-box ow-cert-card" aria-labelledby="cert-title">
      <StatusBanner c={c} />
      <div className="ow-cert-card__head">
        <div className="ow-cert-card__name">
          <h2 id="cert-title" className="ow-cert-card__title">
            {c.title}
          </h2>
          <p className="ow-cert-mono ow-cert-card__number">{c.displayNumber}</p>
        </div>
        <img className="ow-cert-seal" src="/api/public/seal.svg" alt={t('verify.sealAlt', { issuer: c.issuer })} width={88} height={88} />
      </div>
      <dl className="ow-cert-facts">
        <Fact label={t('field.holder')}>{c.holder}</Fact>
        {c.holderCode && (
          <Fact label={t('field.holderCode')}>
            <span className="ow-cert-mono">{c.holderCode}</span>
          </Fact>
        )}
        <Fact label={t('field.item')}>{c.itemName}</Fact>
        <Fact label={t('field.issuer')}>{c.issuer}</Fact>
        <Fact label={t('field.issuedOn')}>{formatDate(c.issuedOn, lang)}</Fact>
        <Fact label={t('field.validity')}>
          <Validity issuedOn={c.issuedOn} validUntil={c.validUntil} />
        </Fact>
        <Fact label={t('field.version')}>
          {t('field.versionN', { version: c.version })}
          {c.version > 1 && <div className="ow-small ow-muted">{t('verify.versionNote', { version: c.version })}</div>}
        </Fact>
        <Fact label={t('field.sha256')} wide>
          <code className="ow-cert-hash">{c.pdfSha256}</code>
          <div className="ow-small ow-muted">{t('verify.shaHint')}</div>
        </Fact>
      </dl>
      <p className="ow-small ow-muted ow-cert-card__seal-note">
        <SafetyCertificateOutlined aria-hidden /> {t('verify.sealCaption', { issuer: c.issuer })}
      </p>
    </article>
  );
}

/** The lookup of one number, with friendly answers for an unknown (404) and a malformed (400) number. */
function CertificateLookup({ raw, version }: { raw: string; version?: number | undefined }) {
  const { t } = useTranslation('certificates');
  const { t: tc } = useTranslation();
  const compact = compactNumber(raw);
  const shaped = isNumberShaped(compact);
  const query = usePublicCertificate(shaped ? compact : undefined, version);

  useEffect(() => {
    document.title = `${query.data ? `${query.data.title} ${query.data.displayNumber}` : t('verify.title')} · ${tc('app.name')}`;
  }, [query.data, t, tc]);

  if (!shaped || (query.error instanceof ApiError && query.error.status === 400)) {
    const detail = query.error instanceof ApiError ? query.error.fields[0]?.message : undefined;
    return (
      <>
        <Alert
          type="warning"
          showIcon
          className="ow-cert-problem"
          message={t('verify.invalidTitle')}
          description={
            <>
              <p>{t('verify.invalidText', { number: raw })}</p>
              {detail && <p>{detail}</p>}
            </>
          }
        />
        <LookupBox initial={raw} />
      </>
    );
  }
  if (query.isPending) return <PageLoading label={t('verify.loading')} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <>
          <Alert type="info" showIcon className="ow-cert-problem" message={t('verify.notFoundTitle')} description={t('verify.notFoundText', { number: raw })} />
          <LookupBox initial={raw} />
        </>
      );
    }
    return <ErrorState error={query.error} title={t('verify.failedTitle')} onRetry={() => void query.refetch()} />;
  }
  return <CertificateCard c={query.data} />;
}

function VerificationResult({ result, lookedUp }: { result: CertificateVerification; lookedUp?: string }) {
  const { t } = useTranslation('certificates');
  const { lang } = useLabels();
  const hash = (
    <p className="ow-small">
      {t('file.fileSha')}
      <code className="ow-cert-hash">{result.sha256}</code>
    </p>
  );
  const c = result.certificate;
  if (!result.authentic || !c) {
    return (
      <Alert
        type="error"
        showIcon
        role="alert"
        className="ow-cert-file-result"
        message={t('file.notAuthentic')}
        description={
          <>
            <p>{t('file.notAuthenticText')}</p>
            {hash}
          </>
        }
      />
    );
  }
  const current = result.current;
  // What is in force now: the newer version when the file is an older one.
  const inForce = current ?? c;
  const notes: ReactNode[] = [];
  if (current) notes.push(t('file.superseded', { version: c.version, current: current.version }));
  if (inForce.status === 'revoked') notes.push(inForce.statusReason ? t('file.nowRevoked', { reason: inForce.statusReason }) : t('file.nowRevokedNoReason'));
  if (inForce.status === 'expired') notes.push(t('file.nowExpired', { date: formatDate(inForce.validUntil, lang) }));
  const otherNumber = lookedUp !== undefined && lookedUp !== c.number;
  return (
    <Alert
      type={notes.length === 0 ? 'success' : 'warning'}
      showIcon
      role="status"
      className="ow-cert-file-result"
      message={t('file.authentic')}
      description={
        <>
          <p>{t('file.authenticText', { title: c.title, number: c.displayNumber, version: c.version, issuer: c.issuer })}</p>
          <p className="ow-cert-file-result__status">
            <span>{t('file.statusLabel')}</span>
            <CertificateStatusTag status={c.status} />
          </p>
          {notes.map((note, i) => (
            <p key={i} className="ow-cert-file-result__note">
              {note}
            </p>
          ))}
          {otherNumber && <p>{t('file.otherNumber', { number: c.displayNumber })}</p>}
          {(otherNumber || lookedUp === undefined) && (
            <p>
              <Link to={`/verify/${c.number}`}>{current ? t('verify.currentVersion') : t('file.openCertificate')}</Link>
            </p>
          )}
          {hash}
        </>
      }
    />
  );
}

/** Upload a PDF; the server compares its SHA-256 with every version it issued. */
function FileCheck({ lookedUp }: { lookedUp?: string }) {
  const { t } = useTranslation('certificates');
  const verify = useVerifyFile();
  const [fileName, setFileName] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const check = (file: File) => {
    setFileName(file.name);
    verify.reset();
    const isPdf = file.type === 'application/pdf' || /\.pdf$/i.test(file.name);
    // A file that cannot be a certificate is answered here, without spending one of the rate-limited checks.
    const local = !isPdf ? t('file.notPdf') : file.size > VERIFY_MAX_BYTES ? t('file.tooLarge') : null;
    setProblem(local);
    if (!local) verify.mutate(file);
  };

  return (
    <section className="ow-box ow-cert-file" aria-labelledby="cert-file-title">
      <h2 id="cert-file-title" className="ow-cert-section-title">
        {t('file.title')}
      </h2>
      <p className="ow-muted ow-small">{t('file.lead')}</p>
      <Upload.Dragger
        accept=".pdf,application/pdf"
        multiple={false}
        showUploadList={false}
        disabled={verify.isPending}
        aria-label={t('file.choose')}
        beforeUpload={(file) => {
          check(file);
          return Upload.LIST_IGNORE;
        }}
      >
        <p className="ow-cert-file__icon" aria-hidden="true">
          <FilePdfOutlined />
        </p>
        <p className="ow-cert-file__drop">{t('file.drop')}</p>
        <p className="ow-small ow-muted">{t('file.dropHint')}</p>
      </Upload.Dragger>
      <div aria-live="polite">
        {verify.isPending && fileName && <p className="ow-muted ow-cert-file__checking">{t('file.checking', { name: fileName })}</p>}
        {fileName && !verify.isPending && (verify.data || problem || verify.isError) && <p className="ow-small ow-muted ow-cert-file__name">{t('file.fileName', { name: fileName })}</p>}
        {problem && <Alert type="warning" showIcon className="ow-cert-file-result" message={problem} />}
        {verify.isError && <Alert type="error" showIcon className="ow-cert-file-result" message={errorMessage(verify.error)} />}
        {verify.data && <VerificationResult result={verify.data} lookedUp={lookedUp} />}
      </div>
    </section>
  );
}

export default function VerifyPage() {
  const { t } = useTranslation('certificates');
  const { t: tc } = useTranslation();
  const { number } = useParams();
  // The QR code of each version carries ?v=<version>: a superseded paper copy then shows as changed.
  const [params] = useSearchParams();
  const v = Number(params.get('v'));
  const version = Number.isInteger(v) && v >= 1 && v <= 999 ? v : undefined;

  useEffect(() => {
    if (!number) document.title = `${t('verify.title')} · ${tc('app.name')}`;
  }, [number, t, tc]);

  return (
    <div className="ow-container ow-page ow-cert-page">
      <h1 className="ow-page__title">{t('verify.title')}</h1>
      {number ? (
        <>
          <CertificateLookup key={`${number}:${version ?? ''}`} raw={number} version={version} />
          <FileCheck lookedUp={compactNumber(number)} />
          <p className="ow-cert-another">
            <Link to="/verify">{t('verify.another')}</Link>
          </p>
        </>
      ) : (
        <>
          <p className="ow-page__lead">{t('verify.lead')}</p>
          <LookupBox />
          <FileCheck />
        </>
      )}
    </div>
  );
}
