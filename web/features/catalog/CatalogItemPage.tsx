/**
 * One item for staff: every field, the materials with their templates, the way to edit it, and its process
 * (办理流程): the flowchart of each version, BPMN export and, for catalogue managers, BPMN import.
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Descriptions, Skeleton, Space, Steps, Table, Tag, Upload } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, EditOutlined, ExportOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { api, ApiError, errorMessage, saveBlob, type ApiFieldError } from '../../api/client';
import type { ItemDetail, MaterialView } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { ProcessDiagram } from '../../components/ProcessDiagram';
import { ErrorState } from '../../components/States';
import { acceptLanguageOf, currentLanguage, type Lang } from '../../i18n/language';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import type { DefinitionView, ItemProcessView } from '../../../server/modules/processes/processes.schemas';
import { formatInstant } from '../identity/identity.queries';
import { STAFF_ITEMS_KEY, useStaffItem } from './catalog.staff-queries';
import { legalLimitText, maxVisitsText, promisedLimitText, templateUrl } from './format';
import { TemplateUpload } from './TemplateUpload';

type ItemProcess = z.infer<typeof ItemProcessView>;
type Definition = z.infer<typeof DefinitionView>;
type VersionRow = ItemProcess['versions'][number];

const PROCESS_TEXT = {
  zh: {
    title: '办理流程（流程定义）',
    current: '现行版本',
    currentVersion: '现行第 {v} 版',
    viewing: '正在查看第 {v} 版',
    version: '版本',
    name: '名称',
    note: '说明',
    by: '保存人',
    at: '保存时间',
    view: '查看',
    countedDays: '计时环节合计 {d} 个工作日',
    export: '导出 BPMN',
    import: '导入 BPMN',
    importHint: '导入的 BPMN 2.0 文件将保存为新版本；进行中的办件仍按原版本办理。',
    imported: '已保存为第 {v} 版。',
    importFailed: 'BPMN 文件未能导入',
    tooLarge: 'BPMN 文件不能超过 1 MB。',
  },
  en: {
    title: 'Process (definition)',
    current: 'current',
    currentVersion: 'Current version {v}',
    viewing: 'Viewing version {v}',
    version: 'Version',
    name: 'Name',
    note: 'Note',
    by: 'Saved by',
    at: 'Saved at',
    view: 'View',
    countedDays: 'Counted stages add up to {d} working days',
    export: 'Export BPMN',
    import: 'Import BPMN',
    importHint: 'An imported BPMN 2.0 file is saved as a new version; running cases keep the version they started with.',
    imported: 'Saved as version {v}.',
    importFailed: 'The BPMN file was not imported',
    tooLarge: 'A BPMN file may be at most 1 MB.',
  },
} as const;

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

/** The server's limit for an imported document (BPMN_MAX_BYTES in processes.routes.ts). */
const BPMN_MAX_BYTES = 1024 * 1024;

function useItemProcess(itemId: string) {
  return useQuery({
    queryKey: [...STAFF_ITEMS_KEY, 'item', itemId, 'process'],
    queryFn: ({ signal }) => api.get<ItemProcess>(`/api/catalog/items/${itemId}/process`, undefined, signal),
  });
}

const processPath = (key: string) => `/api/processes/${encodeURIComponent(key)}`;

/** POSTs a BPMN file as the next version (the API client sends JSON only). */
async function importBpmn(key: string, baseVersion: number, file: File): Promise<Definition> {
  const response = await fetch(`${processPath(key)}/bpmn?baseVersion=${baseVersion}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/xml', Accept: 'application/json', 'Accept-Language': acceptLanguageOf(currentLanguage()) },
    body: await file.text(),
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.ok && body) return body as Definition;
  const error = (body as { error?: { code: string; message: string; fields?: ApiFieldError[] } } | null)?.error;
  throw new ApiError(response.status, error?.code ?? `HTTP_${response.status}`, error?.message ?? response.statusText, error?.fields ?? []);
}

function ProcessSection({ item }: { item: ItemDetail }) {
  const labels = useLabels();
  const lang: Lang = labels.lang;
  const p = PROCESS_TEXT[lang];
  const { can } = useSession();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const process = useItemProcess(item.id);
  const [selected, setSelected] = useState<number | null>(null);
  const [importError, setImportError] = useState<unknown>(null);
  const upload = useMutation({
    mutationFn: ({ key, baseVersion, file }: { key: string; baseVersion: number; file: File }) => importBpmn(key, baseVersion, file),
    onSuccess: async (saved) => {
      setImportError(null);
      setSelected(null);
      void message.success(fill(p.imported, { v: saved.version }));
      await queryClient.invalidateQueries({ queryKey: [...STAFF_ITEMS_KEY, 'item', item.id, 'process'] });
      void queryClient.invalidateQueries({ queryKey: ['public'] });
    },
    onError: (err) => setImportError(err),
  });
  const download = useMutation({
    mutationFn: async ({ key, version }: { key: string; version: number }) => {
      const file = await api.download(`${processPath(key)}/versions/${version}/bpmn`);
      saveBlob(file.blob, file.fileName ?? `${key.replace(/[^A-Za-z0-9-]/g, '-')}-v${version}.bpmn`);
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  if (process.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (process.isError) return <ErrorState error={process.error} onRetry={() => void process.refetch()} />;
  const { key, current, versions } = process.data;
  const version = selected ?? current.version;
  const columns: TableColumnsType<VersionRow> = [
    {
      title: p.version,
      dataIndex: 'version',
      width: 110,
      render: (v: number) => (
        <Space size={4}>
          <span>v{v}</span>
          {v === current.version && <Tag color="blue">{p.current}</Tag>}
        </Space>
      ),
    },
    { title: p.name, dataIndex: 'name', ellipsis: true },
    { title: p.note, dataIndex: 'note', render: (v: string) => v || '—' },
    { title: p.by, dataIndex: 'createdBy', width: 100 },
    { title: p.at, dataIndex: 'createdAt', width: 170, render: (v: string) => formatInstant(v, lang) },
    {
      title: '',
      key: 'actions',
      width: 150,
      render: (_, row) => (
        <Space size={0}>
          <Button type="link" size="small" disabled={row.version === version} onClick={() => setSelected(row.version)}>
            {p.view}
          </Button>
          <Button type="link" size="small" icon={<DownloadOutlined />} aria-label={`${p.export} v${row.version}`} onClick={() => download.mutate({ key, version: row.version })} />
        </Space>
      ),
    },
  ];
  const fieldErrors = importError instanceof ApiError ? importError.fields : [];
  return (
    <>
      <Space wrap style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <span>
          <code>{key}</code> · {fill(p.currentVersion, { v: current.version })} · {fill(p.countedDays, { d: current.countedDays })}
          {version !== current.version && <Tag style={{ marginLeft: 8 }}>{fill(p.viewing, { v: version })}</Tag>}
        </span>
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate({ key, version })}>
            {p.export}
          </Button>
          {can('catalog.manage') && (
            <Upload
              accept=".bpmn,.xml,application/xml,text/xml"
              showUploadList={false}
              multiple={false}
              beforeUpload={(file) => {
                if (file.size > BPMN_MAX_BYTES) void message.error(p.tooLarge);
                else upload.mutate({ key, baseVersion: current.version, file });
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={upload.isPending}>
                {p.import}
              </Button>
            </Upload>
          )}
        </Space>
      </Space>
      {can('catalog.manage') && <p className="ow-small ow-muted">{p.importHint}</p>}
      {importError !== null && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setImportError(null)}
          style={{ marginBottom: 12 }}
          message={p.importFailed}
          description={
            fieldErrors.length ? (
              <ul className="ow-bpmn-errors" style={{ margin: 0, paddingLeft: 18 }}>
                {fieldErrors.map((f, i) => (
                  <li key={i}>
                    <code>{f.path}</code>：{f.message}
                  </li>
                ))}
              </ul>
            ) : (
              errorMessage(importError)
            )
          }
        />
      )}
      <ProcessDiagram xmlUrl={`${processPath(key)}/versions/${version}/bpmn`} />
      <Table<VersionRow> rowKey="id" size="small" columns={columns} dataSource={versions} pagination={false} scroll={{ x: 760 }} style={{ marginTop: 16 }} />
    </>
  );
}

function Detail({ item }: { item: ItemDetail }) {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const labels = useLabels();
  const { can } = useSession();
  const canManage = can('catalog.manage');

  const columns: TableColumnsType<MaterialView> = [
    { title: '#', key: 'i', width: 48, render: (_, __, i) => i + 1 },
    {
      title: t('material.name'),
      dataIndex: 'name',
      render: (_, m) => (
        <>
          <div style={{ fontWeight: 500 }}>{m.name}</div>
          {m.notes && <div className="ow-small ow-muted">{m.notes}</div>}
          {m.reusableCertificate && <Tag color="green">{t('material.reusableTag', { name: m.reusableCertificate })}</Tag>}
        </>
      ),
    },
    { title: t('material.form'), key: 'form', width: 110, render: (_, m) => labels.materialForm(m.form) },
    { title: t('material.copies'), dataIndex: 'copies', width: 64 },
    {
      title: t('material.requirement'),
      key: 'req',
      width: 180,
      render: (_, m) => (
        <>
          <Tag color={m.requirement === 'required' ? 'red' : 'orange'}>{t(`material.requirements.${m.requirement}`)}</Tag>
          {m.condition && <div className="ow-small">{m.condition}</div>}
        </>
      ),
    },
    { title: t('material.sourceNote'), dataIndex: 'sourceNote', width: 130, render: (v: string) => v || '—' },
    {
      title: t('material.template'),
      key: 'template',
      width: 190,
      render: (_, m) => (
        <Space direction="vertical" size={4}>
          {m.templateFileSha256 ? (
            <a href={templateUrl(m.templateFileSha256)} download={m.templateFileName ?? undefined}>
              {m.templateFileName ?? t('material.templateFile')}
            </a>
          ) : (
            <span className="ow-muted">{t('material.noTemplate')}</span>
          )}
          {canManage && <TemplateUpload itemId={item.id} materialId={m.id} hasTemplate={Boolean(m.templateFileSha256)} />}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Card title={t('editor.sections.basic')} style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2, xxl: 3 }}
          styles={{ label: { whiteSpace: 'nowrap' } }}
          items={[
            { key: 'code', label: t('catalog.fields.code'), children: item.code },
            { key: 'name', label: t('catalog.fields.name'), children: item.name },
            { key: 'type', label: t('catalog.fields.type'), children: labels.itemType(item.type) },
            { key: 'scope', label: t('catalog.fields.scope'), children: t(`catalog.scope.${item.scope}`) },
            {
              key: 'origin',
              label: t('catalog.fields.originDepartment'),
              children: item.originDepartment
                ? `${item.originDepartment.name}${item.originDepartmentSuccessor ? t('catalog.successor', { name: item.originDepartmentSuccessor }) : ''}`
                : '—',
            },
            { key: 'unit', label: t('catalog.fields.executingUnit'), children: item.executingUnit.name },
            { key: 'zone', label: t('catalog.fields.zone'), children: item.zone?.name ?? '—' },
            { key: 'class', label: t('catalog.fields.processingClass'), children: labels.processingClass(item.processingClass) },
            { key: 'audience', label: t('catalog.fields.audience'), children: tc(`audience.${item.audience}`) },
            { key: 'legal', label: t('catalog.fields.legalLimit'), children: legalLimitText(tc, item.legalLimit) },
            { key: 'promised', label: t('catalog.fields.promisedLimit'), children: promisedLimitText(tc, item) },
            { key: 'visits', label: t('catalog.fields.maxVisits'), children: maxVisitsText(tc, item.maxVisits) },
            { key: 'online', label: t('catalog.fields.isOnline'), children: item.isOnline ? tc('yes') : tc('no') },
            { key: 'result', label: t('catalog.fields.resultName'), children: item.resultName || '—' },
            {
              key: 'status',
              label: t('catalog.fields.status'),
              children: <Tag color={item.status === 'active' ? 'green' : 'default'}>{t(`catalog.status.${item.status}`)}</Tag>,
            },
            {
              key: 'life',
              label: t('catalog.fields.lifeEvents'),
              span: 'filled',
              children: item.lifeEvents.map((e) => <Tag key={e}>{labels.lifeEvent(e)}</Tag>),
            },
            {
              key: 'fees',
              label: t('catalog.fields.fees'),
              span: 'filled',
              children:
                item.fees.length === 0
                  ? t('catalog.noFees')
                  : item.fees.map((f, i) => (
                      <div key={i}>
                        {f.name}：{f.amount}（{f.basis}）
                      </div>
                    )),
            },
            { key: 'conditions', label: t('catalog.fields.conditions'), span: 'filled', children: <div style={{ whiteSpace: 'pre-wrap' }}>{item.conditions || '—'}</div> },
            { key: 'basis', label: t('catalog.fields.legalBasis'), span: 'filled', children: <div style={{ whiteSpace: 'pre-wrap' }}>{item.legalBasis || '—'}</div> },
            { key: 'source', label: t('catalog.fields.source'), children: item.source || '—' },
            { key: 'version', label: t('catalog.fields.version'), children: item.version },
            { key: 'updated', label: t('catalog.fields.updatedAt'), children: formatInstant(item.updatedAt, labels.lang) },
          ]}
        />
      </Card>
      <Card title={t('editor.sections.materials', { count: item.materials.length })} style={{ marginBottom: 16 }}>
        <Table<MaterialView> rowKey="id" size="small" columns={columns} dataSource={item.materials} pagination={false} scroll={{ x: 1000 }} />
      </Card>
      <Card title={t('catalog.flow')} style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={-1}
          items={item.flow.map((s) => ({ title: labels.lang === 'en' ? s.nameEn : s.name, description: s.description, status: 'process' as const }))}
        />
      </Card>
      <Card title={PROCESS_TEXT[labels.lang].title}>
        <ProcessSection item={item} />
      </Card>
    </>
  );
}

export function CatalogItemPage() {
  const { id } = useParams();
  const { t } = useTranslation('console');
  const { can } = useSession();
  const navigate = useNavigate();
  const item = useStaffItem(id);
  return (
    <>
      <PageHeader
        title={item.data ? item.data.name : t('catalog.detailTitle')}
        extra={
          item.data && (
            <>
              {can('catalog.manage') && (
                <Button type="primary" icon={<EditOutlined />} onClick={() => void navigate(`/staff/catalog/${item.data.id}/edit`)}>
                  {t('common.edit')}
                </Button>
              )}
              {item.data.status === 'active' && (
                <a href={`/items/${item.data.code}`} target="_blank" rel="noreferrer">
                  <ExportOutlined /> {t('catalog.publicGuide')}
                </a>
              )}
            </>
          )
        }
      >
        <Link to="/staff/catalog">← {t('catalog.backToList')}</Link>
      </PageHeader>
      {item.isPending && <Skeleton active paragraph={{ rows: 10 }} />}
      {item.isError && <ErrorState error={item.error} onRetry={() => void item.refetch()} />}
      {item.data && <Detail item={item.data} />}
    </>
  );
}
