/**
 * 导入事项目录: read a JSON file exported by this or another installation, check it with a dry run (what
 * would be created, updated, left unchanged; warnings), then import it for real. All or nothing on the server.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Collapse, Modal, Space, Statistic, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, ApiError, errorMessage } from '../../api/client';
import type { CatalogExport, ImportReport } from '../../api/types';
import { STAFF_ITEMS_KEY } from './catalog.staff-queries';

interface Loaded {
  fileName: string;
  data: CatalogExport;
}

function isCatalogExport(value: unknown): value is CatalogExport {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<CatalogExport>;
  return v.format === 'onewindow.catalog' && Array.isArray(v.items);
}

/** `body.items.3.code` → "#4 WX-XK-004 · code". */
function describePath(path: string, data: CatalogExport | undefined, itemLabel: (index: number, code: string) => string): string {
  const match = /^body\.items\.(\d+)\.?(.*)$/.exec(path);
  if (!match) return path.replace(/^body\.?/, '') || '—';
  const index = Number(match[1]);
  const code = data?.items[index]?.code ?? '';
  return `${itemLabel(index + 1, code)}${match[2] ? ` · ${match[2]}` : ''}`;
}

export function CatalogImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('console');
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [readError, setReadError] = useState<string | null>(null);

  const run = useMutation({
    mutationFn: (dryRun: boolean) => {
      if (!loaded) throw new Error('no file');
      return api.post<ImportReport>('/api/catalog/import', { ...loaded.data, dryRun });
    },
    onSuccess: async (report) => {
      if (!report.dryRun) {
        void message.success(t('import.done', { created: report.created.length, updated: report.updated.length }));
        await queryClient.invalidateQueries({ queryKey: STAFF_ITEMS_KEY });
        await queryClient.invalidateQueries({ queryKey: ['public'] });
      }
    },
  });

  const reset = () => {
    setLoaded(null);
    setReadError(null);
    run.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const readFile = async (file: File) => {
    reset();
    try {
      const parsed: unknown = JSON.parse(await file.text());
      if (!isCatalogExport(parsed)) {
        setReadError(t('import.wrongFormat'));
        return;
      }
      setLoaded({ fileName: file.name, data: parsed });
    } catch {
      setReadError(t('import.notJson'));
    }
  };

  const report = run.data;
  const error = run.error;
  const fieldErrors = error instanceof ApiError ? error.fields : [];
  const isFinal = report && !report.dryRun;

  const footer = isFinal
    ? [
        <Button key="close" type="primary" onClick={close}>
          {t('common.close')}
        </Button>,
      ]
    : [
        <Button key="cancel" onClick={close}>
          {t('common.cancel')}
        </Button>,
        report?.dryRun ? (
          <Button key="confirm" type="primary" danger={report.updated.length > 0} loading={run.isPending} onClick={() => run.mutate(false)}>
            {t('import.confirm', { count: report.created.length + report.updated.length })}
          </Button>
        ) : (
          <Button key="check" type="primary" disabled={!loaded} loading={run.isPending} onClick={() => run.mutate(true)}>
            {t('import.dryRun')}
          </Button>
        ),
      ];

  return (
    <Modal open={open} title={t('import.title')} onCancel={close} footer={footer} width={720} destroyOnHidden>
      <p className="ow-muted">{t('import.hint')}</p>
      {!isFinal && (
        <Upload.Dragger
          accept=".json,application/json"
          multiple={false}
          showUploadList={false}
          beforeUpload={(file) => {
            void readFile(file);
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{loaded ? loaded.fileName : t('import.choose')}</p>
          {loaded && <p className="ant-upload-hint">{t('import.fileSummary', { count: loaded.data.items.length, region: loaded.data.regionCode, at: loaded.data.exportedAt })}</p>}
        </Upload.Dragger>
      )}
      {readError && <Alert type="error" showIcon message={readError} style={{ marginTop: 12 }} />}
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          message={errorMessage(error)}
          description={
            fieldErrors.length > 0 ? (
              <ul className="ow-plain-list" style={{ maxHeight: 240, overflow: 'auto' }}>
                {fieldErrors.map((f, i) => (
                  <li key={i}>
                    <strong>{describePath(f.path, loaded?.data, (n, code) => t('import.itemRef', { n, code }))}</strong>：{f.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {report && (
        <div style={{ marginTop: 16 }}>
          <Alert type={report.dryRun ? 'info' : 'success'} showIcon message={report.dryRun ? t('import.dryRunResult') : t('import.finalResult')} />
          <Space size="large" wrap style={{ margin: '12px 0' }}>
            <Statistic title={t('import.created')} value={report.created.length} />
            <Statistic title={t('import.updated')} value={report.updated.length} />
            <Statistic title={t('import.unchanged')} value={report.unchanged.length} />
            <Statistic title={t('import.warnings')} value={report.warnings.length} />
          </Space>
          <Collapse
            size="small"
            items={[
              { key: 'created', label: `${t('import.created')}（${report.created.length}）`, children: report.created.join('、') || '—' },
              { key: 'updated', label: `${t('import.updated')}（${report.updated.length}）`, children: report.updated.join('、') || '—' },
              { key: 'unchanged', label: `${t('import.unchanged')}（${report.unchanged.length}）`, children: report.unchanged.join('、') || '—' },
              {
                key: 'warnings',
                label: `${t('import.warnings')}（${report.warnings.length}）`,
                children:
                  report.warnings.length === 0 ? (
                    '—'
                  ) : (
                    <ul className="ow-plain-list">
                      {report.warnings.map((w, i) => (
                        <li key={i}>
                          <strong>{w.code}</strong>：{w.message}
                        </li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
        </div>
      )}
    </Modal>
  );
}
