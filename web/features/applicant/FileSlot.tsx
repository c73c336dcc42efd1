/**
 * One file for one material: choose, upload with progress, see the name and size, replace or remove.
 * The file input itself is the accessible control (named after the material); the visible button is its
 * label, so a phone opens its own picker (camera, photos, files).
 */
import { useEffect, useId, useRef, useState } from 'react';
import { Button, Progress } from 'antd';
import { CheckCircleFilled, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client';
import { checkUpload, MAX_UPLOAD_BYTES, UPLOAD_ACCEPT, uploadFile } from './applicant.api';
import { formatSize } from './applicant.format';

/** A file attached to a material, uploaded now (sha256 known) or earlier to the case (sha256 recovered later). */
export interface AttachedFile {
  fileName: string;
  sha256: string | null;
  size: number | null;
  /** The case material it was attached to before, when it came from the server. */
  caseMaterialId?: string;
}

export function FileSlot({
  materialName,
  value,
  onChange,
  onBusyChange,
  disabled = false,
  error,
}: {
  materialName: string;
  value: AttachedFile | null;
  onChange: (value: AttachedFile | null) => void;
  onBusyChange?: (busy: boolean) => void;
  disabled?: boolean;
  /** A problem the server reported for this material. */
  error?: string | null;
}) {
  const { t } = useTranslation('applicant');
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const abortRef = useRef<AbortController | null>(null);
  const [uploading, setUploading] = useState<{ fileName: string; progress: number } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);

  const pick = async (file: File) => {
    setProblem(null);
    const check = checkUpload(file);
    if (check) {
      setProblem(t(`upload.problem.${check}`, { max: formatSize(MAX_UPLOAD_BYTES) }));
      return;
    }
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setUploading({ fileName: file.name, progress: 0 });
    onBusyChange?.(true);
    try {
      const stored = await uploadFile(file, file.name, (progress) => setUploading({ fileName: file.name, progress }), controller.signal);
      onChange({ fileName: stored.fileName, sha256: stored.sha256, size: stored.size });
    } catch (err) {
      if (!(err instanceof DOMException && err.name === 'AbortError')) setProblem(errorMessage(err));
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
      setUploading(null);
      onBusyChange?.(false);
    }
  };

  const shownError = problem ?? error ?? null;
  return (
    <div className={`ow-file-slot${shownError ? ' has-error' : ''}`}>
      {value && !uploading && (
        <div className="ow-file-slot__file">
          <CheckCircleFilled className="ow-file-slot__ok" aria-hidden />
          <span className="ow-file-slot__name">
            <PaperClipOutlined aria-hidden /> {value.fileName}
          </span>
          {value.size !== null && <span className="ow-muted ow-small">{formatSize(value.size)}</span>}
          {value.caseMaterialId && <span className="ow-muted ow-small">{t('upload.submittedBefore')}</span>}
        </div>
      )}
      {uploading && (
        <div className="ow-file-slot__progress" aria-live="polite">
          <span className="ow-file-slot__name">{t('upload.uploading', { name: uploading.fileName })}</span>
          <Progress percent={Math.round(uploading.progress * 100)} size="small" aria-label={t('upload.progressOf', { name: materialName })} />
          <Button size="small" onClick={() => abortRef.current?.abort()}>
            {t('upload.cancel')}
          </Button>
        </div>
      )}
      <div className="ow-file-slot__actions">
        <input
          ref={inputRef}
          id={inputId}
          type="file"
          accept={UPLOAD_ACCEPT}
          className="ow-visually-hidden ow-file-slot__input"
          aria-label={value ? t('upload.replaceLabel', { name: materialName }) : t('upload.chooseLabel', { name: materialName })}
          disabled={disabled || !!uploading}
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void pick(file);
          }}
        />
        <label htmlFor={inputId} className={`ow-upload-button${disabled || uploading ? ' is-disabled' : ''}`} aria-hidden="true">
          <UploadOutlined /> {value ? t('upload.replace') : t('upload.choose')}
        </label>
        {value && !uploading && (
          <Button type="link" danger disabled={disabled} onClick={() => onChange(null)} aria-label={t('upload.removeLabel', { name: materialName })}>
            {t('upload.remove')}
          </Button>
        )}
      </div>
      {shownError && (
        <div className="ow-file-slot__error" role="alert">
          {shownError}
        </div>
      )}
    </div>
  );
}
