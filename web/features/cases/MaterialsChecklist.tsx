/**
 * 申请材料核验: one row per material of the item — name, 原件/复印件, 份数, 必要/容缺 with its condition — and the
 * clerk's check: received, missing, defective or not applicable, a note for what is missing or wrong, and an
 * optional scan (POST /api/files). Lives inside an antd Form under `materials[i]`, so that the server's field
 * errors (body.materials.3.status) land on the row they concern.
 */
import { useState } from 'react';
import { App as AntApp, Button, Form, Input, Tag, Upload } from 'antd';
import type { FormInstance } from 'antd';
import { CheckOutlined, DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import type { MaterialView } from '../../api/types';
import type { CaseMaterial, MaterialInput, MaterialStatus, UploadedFile } from '../../api/cases.types';
import { ToggleButtons } from '../../components/ToggleButtons';
import { useLabels } from '../../i18n/labels';
import { materialFileUrl } from './cases.format';

/** One checklist row as the form holds it. */
export interface MaterialRow {
  itemMaterialId: string;
  status: MaterialStatus;
  note: string;
  fileSha256?: string;
  fileName?: string;
}

/** Largest file POST /api/files takes. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The rows an item's checklist starts with: nothing received yet, conditional materials not applicable. */
export function initialRows(materials: MaterialView[], existing: CaseMaterial[] = []): MaterialRow[] {
  return materials.map((m) => {
    const before = existing.find((e) => e.itemMaterialId === m.id);
    if (before) return { itemMaterialId: m.id, status: before.status, note: before.note };
    return { itemMaterialId: m.id, status: m.requirement === 'required' ? 'missing' : 'not_applicable', note: '' };
  });
}

/** The rows as the API takes them; a note travels only with what is missing or wrong. */
export function toMaterialInputs(rows: MaterialRow[]): MaterialInput[] {
  return rows.map((r) => ({
    itemMaterialId: r.itemMaterialId,
    status: r.status,
    note: r.status === 'missing' || r.status === 'defective' ? (r.note ?? '').trim() : '',
    ...(r.fileSha256 ? { fileSha256: r.fileSha256, fileName: r.fileName } : {}),
  }));
}

/** Names of required materials not yet received. */
export function missingRequired(materials: MaterialView[], rows: MaterialRow[] | undefined): string[] {
  return materials.filter((m, i) => m.requirement === 'required' && rows?.[i]?.status !== 'received').map((m) => m.name);
}

export function hasDeficiency(rows: MaterialRow[] | undefined): boolean {
  return (rows ?? []).some((r) => r.status === 'missing' || r.status === 'defective');
}

/** Marks every required material received (全部收齐); conditional ones keep their state. */
export function markAllReceived(form: FormInstance, materials: MaterialView[]): void {
  const rows = (form.getFieldValue('materials') as MaterialRow[] | undefined) ?? [];
  form.setFieldValue(
    'materials',
    rows.map((r, i) => (materials[i]?.requirement === 'required' ? { ...r, status: 'received' as const, note: '' } : r)),
  );
  void form.validateFields(rows.map((_, i) => ['materials', i, 'status'])).catch(() => undefined);
}

function StatusControl({
  value,
  onChange,
  required,
  label,
}: {
  value?: MaterialStatus;
  onChange?: (value: MaterialStatus) => void;
  required: boolean;
  label: string;
}) {
  const { t } = useTranslation('cases');
  const statuses: MaterialStatus[] = required ? ['received', 'missing', 'defective'] : ['received', 'missing', 'defective', 'not_applicable'];
  return (
    <ToggleButtons<MaterialStatus>
      size="middle"
      className={`ow-material-status ow-material-status--${value ?? 'none'}`}
      label={label}
      value={value ?? 'missing'}
      options={statuses.map((s) => ({ value: s, label: t(`materialStatus.${s}`) }))}
      onChange={(v) => onChange?.(v)}
    />
  );
}

/** The scan of one material: upload, show its name, remove. The value is the file's sha256. */
function FileControl({
  value,
  onChange,
  fileName,
  onFileName,
  materialName,
  existing,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  fileName?: string;
  onFileName: (name: string | undefined) => void;
  materialName: string;
  existing?: { caseId: string; material: CaseMaterial } | undefined;
}) {
  const { t } = useTranslation('cases');
  const { message } = AntApp.useApp();
  const [uploading, setUploading] = useState(false);
  const upload = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      void message.error(t('intake.fileTooLarge'));
      return;
    }
    setUploading(true);
    try {
      const form = new FormData();
      form.append('file', file);
      const stored = await api.upload<UploadedFile>('/api/files', form);
      onFileName(stored.fileName);
      onChange?.(stored.sha256);
    } catch (err) {
      void message.error(errorMessage(err));
    } finally {
      setUploading(false);
    }
  };
  return (
    <div className="ow-material-file">
      {value ? (
        <span className="ow-material-file__name">
          <PaperClipOutlined /> {t('intake.uploaded', { name: fileName ?? '' })}
          <Button
            type="text"
            size="small"
            icon={<DeleteOutlined />}
            aria-label={t('intake.removeFileOf', { name: materialName })}
            onClick={() => {
              onChange?.(undefined);
              onFileName(undefined);
            }}
          />
        </span>
      ) : (
        <>
          {existing?.material.hasFile && (
            <a className="ow-material-file__name" href={materialFileUrl(existing.caseId, existing.material.id)} target="_blank" rel="noopener">
              <PaperClipOutlined /> {t('intake.existingFile', { name: existing.material.fileName ?? existing.material.name })}
            </a>
          )}
          <Upload
            showUploadList={false}
            accept=".pdf,.png,.jpg,.jpeg,.doc,.docx,.xls,.xlsx"
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading} aria-label={t('intake.uploadOf', { name: materialName })}>
              {uploading ? t('intake.uploading') : t('intake.upload')}
            </Button>
          </Upload>
        </>
      )}
    </div>
  );
}

function MaterialRowView({
  form,
  material,
  index,
  existing,
}: {
  form: FormInstance;
  material: MaterialView;
  index: number;
  existing?: { caseId: string; material: CaseMaterial } | undefined;
}) {
  const { t } = useTranslation('cases');
  const labels = useLabels();
  const status = Form.useWatch(['materials', index, 'status'], form) as MaterialStatus | undefined;
  const fileName = Form.useWatch(['materials', index, 'fileName'], form) as string | undefined;
  const required = material.requirement === 'required';
  const needsNote = status === 'missing' || status === 'defective';
  return (
    <li className={`ow-material-row ow-material-row--${status ?? 'none'}`}>
      <div className="ow-material-row__head">
        <span className="ow-material-row__index">{index + 1}</span>
        <div className="ow-material-row__name">
          <strong>{material.name}</strong>
          <div className="ow-material-row__facts">
            <Tag color={required ? 'red' : 'default'}>{required ? t('intake.required') : t('intake.conditional')}</Tag>
            <span>{labels.materialForm(material.form)}</span>
            <span>{t('intake.copies', { count: Math.max(1, material.copies) })}</span>
            {material.condition && <span className="ow-muted">（{material.condition}）</span>}
            {material.reusableCertificate && <Tag color="blue">{t('intake.reusable', { name: material.reusableCertificate })}</Tag>}
          </div>
          {material.notes && <div className="ow-small ow-muted">{material.notes}</div>}
        </div>
        <Form.Item name={['materials', index, 'itemMaterialId']} hidden>
          <Input />
        </Form.Item>
        <Form.Item name={['materials', index, 'status']} className="ow-material-row__status" style={{ marginBottom: 0 }}>
          <StatusControl required={required} label={t('intake.statusLabel', { name: material.name })} />
        </Form.Item>
      </div>
      <div className="ow-material-row__more">
        {needsNote && (
          <Form.Item
            name={['materials', index, 'note']}
            className="ow-material-row__note"
            style={{ marginBottom: 0 }}
            rules={status === 'defective' ? [{ required: true, whitespace: true, message: t('intake.noteRequired') }] : []}
          >
            <Input
              maxLength={300}
              aria-label={`${material.name}：${t('intake.note')}`}
              placeholder={status === 'missing' ? t('intake.noteMissing') : t('intake.noteDefective')}
            />
          </Form.Item>
        )}
        <Form.Item name={['materials', index, 'fileName']} hidden>
          <Input />
        </Form.Item>
        <Form.Item name={['materials', index, 'fileSha256']} style={{ marginBottom: 0 }}>
          <FileControl
            fileName={fileName}
            onFileName={(name) => form.setFieldValue(['materials', index, 'fileName'], name)}
            materialName={material.name}
            existing={existing}
          />
        </Form.Item>
      </div>
    </li>
  );
}

export function MaterialsChecklist({
  form,
  materials,
  caseId,
  caseMaterials = [],
}: {
  form: FormInstance;
  materials: MaterialView[];
  /** In a continued application: the case and its materials (files already on record). */
  caseId?: string;
  caseMaterials?: CaseMaterial[];
}) {
  const { t } = useTranslation('cases');
  const rows = Form.useWatch('materials', form) as MaterialRow[] | undefined;
  const required = materials.filter((m) => m.requirement === 'required');
  const received = materials.filter((m, i) => m.requirement === 'required' && rows?.[i]?.status === 'received').length;
  if (materials.length === 0) return <p className="ow-muted">{t('intake.materialsEmpty')}</p>;
  return (
    <div className="ow-checklist">
      <div className="ow-checklist__bar">
        <span className={received === required.length ? 'ow-ok' : 'ow-muted'} aria-live="polite">
          {t('intake.materialsSummary', { received, total: required.length })}
        </span>
        <Button icon={<CheckOutlined />} onClick={() => markAllReceived(form, materials)} data-enter-next="" title={t('intake.allReceivedHint')} aria-keyshortcuts="Alt+A">
          {t('intake.allReceived')}
          <kbd className="ow-kbd">Alt+A</kbd>
        </Button>
      </div>
      <ol className="ow-material-rows">
        {materials.map((m, i) => {
          const before = caseMaterials.find((c) => c.itemMaterialId === m.id);
          return <MaterialRowView key={m.id} form={form} material={m} index={i} existing={caseId && before ? { caseId, material: before } : undefined} />;
        })}
      </ol>
    </div>
  );
}
