/**
 * One certificate in the console (/staff/certificates/:number): its data, contents, version history and
 * metadata, the signed PDF of each version, and — for those with certificates.manage — 注销 (revoke) and
 * 变更换发 (a new version with changed contents). Both need a reason, which the public page shows for a
 * revocation and the audit log keeps for both.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, App as AntApp, Breadcrumb, Button, Card, Col, Descriptions, Form, Input, Row, Space, Table, Tooltip } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, ExportOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client';
import type { Certificate, CertificateWithHistory } from '../../api/certificates.types';
import { FormModal } from '../../components/FormModal';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState, PageLoading } from '../../components/States';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import { CertificateStatusTag, Validity } from './CertificateBits';
import { downloadCertificatePdf, useCertificate, useReissueCertificate, useRevokeCertificate } from './certificates.api';
import { formatInstant } from './certificates.format';
import './certificates.css';

/**
 * Fields the reissue dialog leaves alone: who holds it and which case it came from identify the certificate
 * (another holder needs a certificate of their own), and the validity text must match the registry's date,
 * which a reissue does not change.
 */
const LOCKED_FIELDS = new Set(['holderId', 'caseNumber', 'validUntil']);

function useDownload() {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<number | null>(null);
  const run = async (c: Certificate, version: number) => {
    setBusy(version);
    try {
      await downloadCertificatePdf(c, version);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return { busy, run };
}

function RevokeDialog({ c, open, onClose, onConflict }: { c: CertificateWithHistory; open: boolean; onClose: () => void; onConflict: () => void }) {
  const { t } = useTranslation('certificates');
  const { message } = AntApp.useApp();
  const revoke = useRevokeCertificate(c.number);
  return (
    <FormModal<{ reason: string }>
      name="certificate-revoke"
      open={open}
      title={t('staff.revoke.title', { number: c.displayNumber })}
      initialValues={{ reason: '' }}
      okText={t('staff.revoke.ok')}
      onClose={onClose}
      onSubmit={(v) => revoke.mutateAsync({ version: c.version, reason: v.reason.trim() })}
      onSaved={() => void message.success(t('staff.revoke.done'))}
      onError={(err) => {
        if (err instanceof ApiError && err.isConflict) onConflict();
      }}
      intro={<Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('staff.revoke.intro')} />}
    >
      <Form.Item name="reason" label={t('staff.revoke.reason')} rules={[{ required: true, whitespace: true, message: t('staff.revoke.reasonRequired') }]}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('staff.revoke.reasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

interface ReissueValues {
  reason: string;
  fields: Record<string, string>;
}

function ReissueDialog({ c, open, onClose, onConflict }: { c: CertificateWithHistory; open: boolean; onClose: () => void; onConflict: () => void }) {
  const { t } = useTranslation('certificates');
  const { lang } = useLabels();
  const { message } = AntApp.useApp();
  const reissue = useReissueCertificate(c.number);
  const initial: ReissueValues = { reason: '', fields: Object.fromEntries(c.fields.map((f) => [f.key, f.value])) };
  return (
    <FormModal<ReissueValues>
      name="certificate-reissue"
      open={open}
      width={640}
      title={t('staff.reissue.title', { number: c.displayNumber })}
      initialValues={initial}
      okText={t('staff.reissue.ok')}
      onClose={onClose}
      onSubmit={async (v) => {
        // Only what was changed travels; the server keeps the rest as it is.
        const fields = c.fields.filter((f) => !LOCKED_FIELDS.has(f.key) && (v.fields[f.key] ?? '').trim() !== f.value).map((f) => ({ key: f.key, value: (v.fields[f.key] ?? '').trim() }));
        const next = await reissue.mutateAsync({ version: c.version, reason: v.reason.trim(), fields });
        void message.success(t('staff.reissue.done', { version: next.version }));
      }}
      onError={(err) => {
        if (err instanceof ApiError && err.isConflict) onConflict();
      }}
      intro={<Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('staff.reissue.intro', { version: c.version + 1 })} />}
    >
      {c.fields.map((f) => {
        const label = lang === 'en' ? f.labelEn : f.label;
        const locked = LOCKED_FIELDS.has(f.key);
        return (
          <Form.Item key={f.key} name={['fields', f.key]} label={label} extra={locked ? t('staff.reissue.locked') : undefined}>
            {f.value.length > 40 ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={600} disabled={locked} /> : <Input maxLength={600} disabled={locked} />}
          </Form.Item>
        );
      })}
      <Form.Item name="reason" label={t('staff.reissue.reason')} rules={[{ required: true, whitespace: true, message: t('staff.reissue.reasonRequired') }]}>
        <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('staff.reissue.reasonPlaceholder')} />
      </Form.Item>
    </FormModal>
  );
}

function VersionsCard({ c }: { c: CertificateWithHistory }) {
  const { t } = useTranslation('certificates');
  const { lang } = useLabels();
  const download = useDownload();
  const columns: TableColumnsType<Certificate> = [
    { title: t('field.version'), dataIndex: 'version', width: 80, render: (v: number) => t('field.versionN', { version: v }) },
    { title: t('field.issuedOn'), dataIndex: 'issuedOn', width: 120, render: (v: string) => <span className="ow-cert-nowrap">{v}</span> },
    { title: t('field.status'), key: 'status', width: 90, render: (_, v) => <CertificateStatusTag status={v.status} /> },
    {
      title: t('field.statusReason'),
      key: 'reason',
      render: (_, v) =>
        v.statusReason ? (
          <>
            {v.statusReason}
            <div className="ow-small ow-muted">{formatInstant(v.statusChangedAt, lang)}</div>
          </>
        ) : (
          '—'
        ),
    },
    {
      title: 'SHA-256',
      dataIndex: 'pdfSha256',
      width: 150,
      responsive: ['lg'],
      render: (v: string) => (
        <Tooltip title={<code className="ow-cert-hash">{v}</code>}>
          <code className="ow-cert-hash">{v.slice(0, 12)}…</code>
        </Tooltip>
      ),
    },
    {
      title: '',
      key: 'pdf',
      width: 60,
      render: (_, v) => (
        <Tooltip title={t('staff.detail.downloadVersion', { version: v.version })}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            aria-label={t('staff.detail.downloadVersion', { version: v.version })}
            loading={download.busy === v.version}
            onClick={() => void download.run(c, v.version)}
          />
        </Tooltip>
      ),
    },
  ];
  return (
    <Card size="small" title={t('staff.detail.versions')}>
      <Table<Certificate> rowKey="id" size="small" columns={columns} dataSource={[...c.versions].reverse()} pagination={false} scroll={{ x: 560 }} />
    </Card>
  );
}

function CertificateView({ c, onReload }: { c: CertificateWithHistory; onReload: () => void }) {
  const { t } = useTranslation('certificates');
  const { lang } = useLabels();
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const download = useDownload();
  const [dialog, setDialog] = useState<'revoke' | 'reissue' | null>(null);
  const canManage = can('certificates.manage');
  const conflict = () => {
    void message.warning(t('staff.conflict'));
    onReload();
  };

  return (
    <>
      <Breadcrumb style={{ marginBottom: 8 }} items={[{ title: <Link to="/staff/certificates">{t('staff.detail.back')}</Link> }, { title: c.displayNumber }]} />
      <PageHeader
        title={c.title}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={download.busy === c.version} onClick={() => void download.run(c, c.version)}>
              {t('staff.detail.download')}
            </Button>
            <Button icon={<ExportOutlined />} href={`/verify/${c.number}`} target="_blank" rel="noopener">
              {t('staff.detail.publicPage')}
            </Button>
            {canManage && c.status === 'valid' && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setDialog('reissue')}>
                  {t('staff.detail.reissue')}
                </Button>
                <Button danger icon={<StopOutlined />} onClick={() => setDialog('revoke')}>
                  {t('staff.detail.revoke')}
                </Button>
              </>
            )}
          </Space>
        }
      >
        <Space wrap size={8}>
          <span className="ow-cert-mono">{c.displayNumber}</span>
          <CertificateStatusTag status={c.status} />
        </Space>
      </PageHeader>
      {canManage && (c.status === 'changed' || c.status === 'expired') && <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('staff.detail.notManageable')} />}
      {c.status === 'revoked' && c.statusReason && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${t('status.revoked')} · ${formatInstant(c.statusChangedAt, lang)}`}
          description={`${t('field.statusReason')}：${c.statusReason}`}
        />
      )}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('staff.detail.basics')}>
            <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 1, xxl: 2 }} size="small" bordered>
              <Descriptions.Item label={t('field.number')}>
                <span className="ow-cert-mono">{c.displayNumber}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('field.version')}>{t('field.versionN', { version: c.version })}</Descriptions.Item>
              <Descriptions.Item label={t('field.holder')}>
                {c.holderName}（{t(`holderKind.${c.holderKind}`)}）
              </Descriptions.Item>
              <Descriptions.Item label={c.holderKind === 'enterprise' ? t('field.holderCode') : t('field.holderIdNumber')}>
                <span className="ow-cert-mono">{c.holderIdNumber}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('field.item')}>
                {c.itemName} <span className="ow-muted ow-small">{c.itemCode}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('field.issuer')}>{c.issuer}</Descriptions.Item>
              <Descriptions.Item label={t('field.issuedOn')}>{c.issuedOn}</Descriptions.Item>
              <Descriptions.Item label={t('field.validity')}>
                <Validity issuedOn={c.issuedOn} validUntil={c.validUntil} />
              </Descriptions.Item>
              {c.caseId && (
                <Descriptions.Item label={t('field.case')}>
                  <Link to={`/staff/cases/${c.caseId}`}>{t('staff.detail.openCase')}</Link>
                </Descriptions.Item>
              )}
              <Descriptions.Item label={t('field.sha256')} span="filled">
                <code className="ow-cert-hash">{c.pdfSha256}</code>
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card size="small" title={t('staff.detail.content')}>
            <Descriptions column={1} size="small" bordered>
              {c.fields.map((f) => (
                <Descriptions.Item key={f.key} label={lang === 'en' ? f.labelEn : f.label}>
                  {f.value || '—'}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24}>
          <VersionsCard c={c} />
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('staff.detail.metadata')}>
            <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
              {Object.entries(c.metadata).map(([key, value]) => (
                <Descriptions.Item key={key} label={key}>
                  {typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value)}
                </Descriptions.Item>
              ))}
            </Descriptions>
          </Card>
        </Col>
      </Row>
      {canManage && (
        <>
          <RevokeDialog c={c} open={dialog === 'revoke'} onClose={() => setDialog(null)} onConflict={conflict} />
          <ReissueDialog c={c} open={dialog === 'reissue'} onClose={() => setDialog(null)} onConflict={conflict} />
        </>
      )}
    </>
  );
}

export function CertificateDetailPage() {
  const { number } = useParams();
  const certificate = useCertificate(number);
  if (certificate.isPending) return <PageLoading />;
  if (certificate.isError) return <ErrorState error={certificate.error} onRetry={() => void certificate.refetch()} />;
  return <CertificateView c={certificate.data} onReload={() => void certificate.refetch()} />;
}
