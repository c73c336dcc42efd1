/**
 * The online application form (网上申报) of one item: the item's materials checklist with an upload per
 * material (or, where the guide says 可复用电子证照, the certificate's number instead), a short 申请说明 and a
 * contact phone. 保存草稿 keeps it (submit=false); 提交申请 sends it for the window's online pre-review
 * (网上预审). An application the window sent back with a one-time notice (一次性告知) opens here too, with the
 * listed materials marked, and is resubmitted with the case version.
 */
import { useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Checkbox, Form, Input, Modal, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, type ApiFieldError } from '../../api/client';
import type { ItemDetail, MaterialView, MeResponse } from '../../api/types';
import type { MyCaseDetail, OnlineMaterial } from '../../api/applicant.types';
import { applyFieldErrors, toNamePath } from '../../components/form-errors';
import { useLabels } from '../../i18n/labels';
import { promisedLimitText } from '../catalog/format';
import { isRegistrationItem, RegistrationFields, registrationFormBody } from '../registration/RegistrationFields';
import { FileSlot, type AttachedFile } from './FileSlot';
import { caseDocumentUrl, recoverStoredFile, useApplyOnline, useUpdateApplication } from './applicant.api';
import './applicant.css';

interface Slot {
  file: AttachedFile | null;
  useCertificate: boolean;
  certificate: string;
}

interface Flag {
  status: 'missing' | 'defective';
  note: string;
}

interface TextFields {
  summary: string;
  contactPhone: string;
  address: string;
}

const PHONE = /^1[3-9]\d{9}$/;

function initialSlots(item: ItemDetail, existing: MyCaseDetail | undefined): Record<string, Slot> {
  const slots: Record<string, Slot> = {};
  for (const m of item.materials) {
    const had = existing?.materials.find((x) => x.itemMaterialId === m.id);
    slots[m.id] = {
      file: had?.hasFile ? { fileName: had.fileName ?? m.name, sha256: null, size: null, caseMaterialId: had.id } : null,
      useCertificate: !!had?.certificateNumber,
      certificate: had?.certificateNumber ?? '',
    };
  }
  return slots;
}

/** The materials the one-time notice listed (only while the application waits for them). */
function flagsOf(existing: MyCaseDetail | undefined): Record<string, Flag> {
  const flags: Record<string, Flag> = {};
  if (existing?.phase !== 'awaiting_materials') return flags;
  for (const m of existing.materials) {
    if (m.itemMaterialId && (m.status === 'missing' || m.status === 'defective')) flags[m.itemMaterialId] = { status: m.status, note: m.note };
  }
  return flags;
}

function isProvided(slot: Slot | undefined): boolean {
  if (!slot) return false;
  return slot.useCertificate ? slot.certificate.trim() !== '' : slot.file !== null;
}

/** Provided anew since the notice: a file uploaded now, or a certificate number. */
function isProvidedAnew(slot: Slot | undefined): boolean {
  if (!slot) return false;
  return slot.useCertificate ? slot.certificate.trim() !== '' : !!slot.file && !slot.file.caseMaterialId;
}

function MaterialCard({
  index,
  material,
  slot,
  flag,
  error,
  disabled,
  onChange,
  onBusyChange,
}: {
  index: number;
  material: MaterialView;
  slot: Slot;
  flag: Flag | undefined;
  error: string | undefined;
  disabled: boolean;
  onChange: (slot: Slot) => void;
  onBusyChange: (busy: boolean) => void;
}) {
  const { t } = useTranslation('applicant');
  const { t: tp } = useTranslation('portal');
  const labels = useLabels();
  const certificateId = `cert-${material.id}`;
  return (
    <li className={`ow-slot${flag && !isProvidedAnew(slot) ? ' is-flagged' : isProvided(slot) ? ' is-done' : ''}`} id={`material-${material.id}`}>
      <div className="ow-slot__head">
        <span className="ow-slot__index" aria-hidden="true">
          {index + 1}
        </span>
        <div className="ow-slot__title">
          <div className="ow-slot__name">{material.name}</div>
          <div className="ow-slot__facts">
            {material.requirement === 'required' ? <Tag color="red">{tp('guide.material.required')}</Tag> : <Tag color="orange">{tp('guide.material.conditional')}</Tag>}
            <span>{labels.materialForm(material.form)}</span>
            <span>{tp('guide.material.copiesCount', { count: material.copies })}</span>
          </div>
        </div>
      </div>
      {material.requirement === 'conditional' && material.condition && (
        <div className="ow-small">
          {tp('guide.material.conditionLabel')}
          {material.condition}
        </div>
      )}
      {material.notes && <div className="ow-small ow-muted">{material.notes}</div>}
      {flag && (
        <div className="ow-slot__flag" role="note">
          <strong>{t(`materials.status.${flag.status}`)}</strong>
          {flag.note ? `：${flag.note}` : ''}
          <div className="ow-small">{t('apply.flaggedHint')}</div>
        </div>
      )}
      {material.reusableCertificate && (
        <div className="ow-slot__reuse">
          <Tag color="green" className="ow-tag-wrap">
            {tp('guide.material.reusable', { name: material.reusableCertificate })}
          </Tag>
          <Checkbox checked={slot.useCertificate} disabled={disabled} onChange={(e) => onChange({ ...slot, useCertificate: e.target.checked })}>
            {t('apply.useCertificate')}
          </Checkbox>
          {slot.useCertificate && (
            <div className="ow-slot__cert">
              <label htmlFor={certificateId} className="ow-field-label">
                {t('apply.certificateNumber', { name: material.reusableCertificate })}
              </label>
              <Input
                id={certificateId}
                value={slot.certificate}
                maxLength={60}
                disabled={disabled}
                onChange={(e) => onChange({ ...slot, certificate: e.target.value })}
                placeholder={t('apply.certificatePlaceholder')}
              />
            </div>
          )}
        </div>
      )}
      {!slot.useCertificate && (
        <FileSlot
          materialName={material.name}
          value={slot.file}
          onChange={(file) => onChange({ ...slot, file })}
          onBusyChange={onBusyChange}
          disabled={disabled}
          error={error}
        />
      )}
      {slot.useCertificate && error && (
        <div className="ow-file-slot__error" role="alert">
          {error}
        </div>
      )}
    </li>
  );
}

export function ApplicationForm({ item, me, existing }: { item: ItemDetail; me: MeResponse; existing?: MyCaseDetail }) {
  const { t } = useTranslation('applicant');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<TextFields>();
  const [modal, modalHolder] = Modal.useModal();
  const [slots, setSlots] = useState(() => initialSlots(item, existing));
  const [flags] = useState(() => flagsOf(existing));
  const [slotErrors, setSlotErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [otherErrors, setOtherErrors] = useState<ApiFieldError[]>([]);
  const [saved, setSaved] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const busy = useRef(0);
  const [busyCount, setBusyCount] = useState(0);
  const create = useApplyOnline();
  const update = useUpdateApplication(existing?.id ?? '');
  const [pending, setPending] = useState<'draft' | 'submit' | null>(null);
  const saving = pending !== null;

  const materials = item.materials;
  const provided = materials.filter((m) => isProvided(slots[m.id])).length;
  const required = materials.filter((m) => m.requirement === 'required');
  const requiredProvided = required.filter((m) => isProvided(slots[m.id])).length;

  const setSlot = (id: string, slot: Slot) => {
    setSlots((prev) => ({ ...prev, [id]: slot }));
    setSlotErrors((prev) => {
      if (!prev[id]) return prev;
      const rest = { ...prev };
      delete rest[id];
      return rest;
    });
    setSaved(false);
  };

  const scrollTo = (materialId: string) => document.getElementById(`material-${materialId}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });

  /** The checklist as the API takes it; files attached earlier are named again by their hash. */
  const collectMaterials = async (): Promise<{ body: OnlineMaterial[]; order: string[] }> => {
    const body: OnlineMaterial[] = [];
    const order: string[] = [];
    const toRecover = materials.filter((m) => {
      const s = slots[m.id];
      return s && !s.useCertificate && s.file && !s.file.sha256 && s.file.caseMaterialId;
    });
    const recovered = new Map<string, { sha256: string; fileName: string }>();
    if (toRecover.length && existing) {
      setRecovering(true);
      try {
        for (const m of toRecover) {
          const file = slots[m.id]!.file!;
          recovered.set(m.id, await recoverStoredFile(existing.id, file.caseMaterialId!, file.fileName));
        }
      } finally {
        setRecovering(false);
      }
    }
    for (const m of materials) {
      const s = slots[m.id];
      if (!s) continue;
      if (s.useCertificate && s.certificate.trim()) {
        body.push({ itemMaterialId: m.id, certificateNumber: s.certificate.trim() });
        order.push(m.id);
      } else if (!s.useCertificate && s.file) {
        const file = s.file.sha256 ? { sha256: s.file.sha256, fileName: s.file.fileName } : recovered.get(m.id);
        if (!file) continue;
        body.push({ itemMaterialId: m.id, fileSha256: file.sha256, fileName: file.fileName });
        order.push(m.id);
      }
    }
    return { body, order };
  };

  const showServerErrors = (err: unknown, order: string[]) => {
    const rest = applyFieldErrors(form, err);
    const bySlot: Record<string, string> = {};
    const other: ApiFieldError[] = [];
    for (const f of rest) {
      const path = toNamePath(f.path);
      const materialId = path[0] === 'materials' && typeof path[1] === 'number' ? order[path[1]] : undefined;
      if (materialId) bySlot[materialId] = f.message;
      else other.push(f);
    }
    setSlotErrors(bySlot);
    setOtherErrors(other);
    const first = Object.keys(bySlot)[0];
    if (first) scrollTo(first);
  };

  const send = async (submit: boolean) => {
    setProblem(null);
    setOtherErrors([]);
    setSaved(false);
    let values: TextFields;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    if (busy.current > 0) {
      setProblem(t('upload.waitForUploads'));
      return;
    }
    if (submit) {
      const unanswered = materials.filter((m) => flags[m.id] && !isProvidedAnew(slots[m.id]));
      if (unanswered.length) {
        setSlotErrors(Object.fromEntries(unanswered.map((m) => [m.id, t('apply.flaggedMissing')])));
        setProblem(t('apply.flaggedProblem', { count: unanswered.length }));
        scrollTo(unanswered[0]!.id);
        return;
      }
      const missing = required.filter((m) => !isProvided(slots[m.id]));
      if (missing.length) {
        const confirmed = await modal.confirm({
          title: t('apply.missingTitle', { count: missing.length }),
          content: (
            <>
              <ul className="ow-todo-list">
                {missing.map((m) => (
                  <li key={m.id}>{m.name}</li>
                ))}
              </ul>
              <p>{t('apply.missingText')}</p>
            </>
          ),
          okText: t('apply.submitAnyway'),
          cancelText: t('apply.backToForm'),
        });
        if (!confirmed) {
          scrollTo(missing[0]!.id);
          return;
        }
      }
    }
    let order: string[] = [];
    setPending(submit ? 'submit' : 'draft');
    try {
      const collected = await collectMaterials();
      order = collected.order;
      const common = {
        summary: values.summary?.trim() ?? '',
        address: values.address?.trim() ?? '',
        materials: collected.body,
        submit,
        // 登记信息 of a business registration (一照一码).
        ...(isRegistrationItem(item.code) ? { form: registrationFormBody((values as { form?: Record<string, unknown> }).form) } : {}),
        ...(values.contactPhone?.trim() ? { contactPhone: values.contactPhone.trim() } : {}),
      };
      const result = existing
        ? await update.mutateAsync({ ...common, version: existing.version })
        : await create.mutateAsync({ ...common, itemId: item.id });
      if (submit) void navigate(`/my/cases/${result.id}/submitted`, { replace: true });
      else if (!existing) void navigate(`/my/cases/${result.id}/edit`, { replace: true, state: { draftSaved: true } });
      else setSaved(true);
    } catch (err) {
      if (err instanceof ApiError && err.isConflict) setProblem(t('conflict'));
      else setProblem(errorMessage(err));
      showServerErrors(err, order);
    } finally {
      setPending(null);
    }
  };

  const isReturned = existing?.phase === 'awaiting_materials';
  const flaggedCount = Object.keys(flags).length;
  const account = me.account;

  return (
    <div className="ow-apply">
      {modalHolder}
      <header className="ow-panel ow-case-head">
        <p className="ow-case-head__kicker">{isReturned ? t('apply.kickerReturned') : existing ? t('apply.kickerDraft') : t('apply.kicker')}</p>
        <h1 className="ow-page__title ow-case-head__title">{item.name}</h1>
        <div className="ow-case-head__tags">
          <Tag>{item.code}</Tag>
          <Tag color="blue">{promisedLimitText(tc, item)}</Tag>
          {existing && <Tag className="ow-mono">{existing.number}</Tag>}
        </div>
        <p className="ow-small">
          <Link to={`/items/${encodeURIComponent(item.code)}`}>{t('apply.readGuide')}</Link>
        </p>
      </header>

      {isReturned && (
        <Alert
          type="warning"
          showIcon
          className="ow-next"
          message={t('apply.returnedTitle', { count: flaggedCount })}
          description={
            <>
              <ul className="ow-todo-list">
                {materials
                  .filter((m) => flags[m.id])
                  .map((m) => (
                    <li key={m.id}>
                      <button type="button" className="ow-text-button" onClick={() => scrollTo(m.id)}>
                        {m.name}
                      </button>
                      （{t(`materials.status.${flags[m.id]!.status}`)}）{flags[m.id]!.note ? `：${flags[m.id]!.note}` : ''}
                    </li>
                  ))}
              </ul>
              <a href={caseDocumentUrl(existing.id, 'correction-notice')} target="_blank" rel="noopener">
                {t('docs.correction-notice')}（PDF）
              </a>
            </>
          }
        />
      )}

      <section className="ow-panel" aria-labelledby="who-title">
        <h2 id="who-title" className="ow-subtitle">
          {t('apply.applicant')}
        </h2>
        <dl className="ow-facts">
          <div>
            <dt>{account.subjectKind === 'enterprise' ? t('register.enterpriseName') : t('register.personName')}</dt>
            <dd>{account.displayName}</dd>
          </div>
          <div className="ow-facts__wide">
            <dt>{account.subjectKind === 'enterprise' ? t('register.creditCode') : t('register.idNumber')}</dt>
            <dd className="ow-mono">{account.idNumberMasked ?? '—'}</dd>
          </div>
        </dl>
        {item.audience !== 'both' && account.subjectKind && item.audience !== account.subjectKind && (
          <p className="ow-small ow-muted">{t('apply.audienceHint', { audience: tc(`audience.${item.audience}`) })}</p>
        )}
      </section>

      <section className="ow-panel" aria-labelledby="checklist-title">
        <h2 id="checklist-title" className="ow-subtitle">
          {t('apply.checklist')}
        </h2>
        <p className="ow-apply__count" aria-live="polite">
          {t('apply.provided', { provided, total: materials.length, requiredProvided, required: required.length })}
        </p>
        <p className="ow-small ow-muted">{t('upload.accepted')}</p>
        <ol className="ow-slot-list">
          {materials.map((m, i) => (
            <MaterialCard
              key={m.id}
              index={i}
              material={m}
              slot={slots[m.id]!}
              flag={flags[m.id]}
              error={slotErrors[m.id]}
              disabled={saving}
              onChange={(slot) => setSlot(m.id, slot)}
              onBusyChange={(isBusy) => {
                busy.current += isBusy ? 1 : -1;
                setBusyCount(busy.current);
              }}
            />
          ))}
        </ol>
      </section>

      <section className="ow-panel" aria-labelledby="about-title">
        <h2 id="about-title" className="ow-subtitle">
          {t('apply.about')}
        </h2>
        <Form<TextFields>
          form={form}
          name="online-application"
          layout="vertical"
          size="large"
          disabled={saving}
          onValuesChange={() => setSaved(false)}
          initialValues={{ summary: existing?.summary ?? '', contactPhone: existing?.applicant.phone ?? '', address: existing?.applicant.address ?? '' }}
        >
          {isRegistrationItem(item.code) && <RegistrationFields initial={existing?.form} disabled={saving} />}
          <Form.Item label={t('apply.summary')} name="summary" extra={t('apply.summaryHint')}>
            <Input.TextArea maxLength={500} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
          </Form.Item>
          <Form.Item
            label={t('apply.contactPhone')}
            name="contactPhone"
            extra={account.phoneMasked ? t('apply.contactPhoneHint', { phone: account.phoneMasked }) : undefined}
            rules={[{ pattern: PHONE, message: t('problem.PHONE_FORMAT') }]}
          >
            <Input inputMode="tel" maxLength={11} autoComplete="tel" />
          </Form.Item>
          <Form.Item label={t('apply.address')} name="address">
            <Input maxLength={200} autoComplete="street-address" />
          </Form.Item>
        </Form>
      </section>

      <div className="ow-apply__bar">
        {problem && <Alert type="error" showIcon role="alert" className="ow-inline-alert" message={problem} />}
        {otherErrors.length > 0 && (
          <Alert
            type="error"
            className="ow-inline-alert"
            message={
              <ul className="ow-plain-list">
                {otherErrors.map((f, i) => (
                  <li key={i}>{f.message}</li>
                ))}
              </ul>
            }
          />
        )}
        {saved && <Alert type="success" showIcon role="status" className="ow-inline-alert" message={t('apply.draftSaved')} />}
        {recovering && <p className="ow-small ow-muted" role="status">{t('apply.recovering')}</p>}
        <div className="ow-apply__buttons">
          {/* A returned application is not saved as a draft: that would replace the notice's statuses and notes. */}
          {!isReturned && (
          <Button size="large" onClick={() => void send(false)} disabled={(saving && pending !== 'draft') || busyCount > 0} loading={pending === 'draft'}>
            {t('apply.saveDraft')}
          </Button>
          )}
          <Button type="primary" size="large" onClick={() => void send(true)} disabled={(saving && pending !== 'submit') || busyCount > 0} loading={pending === 'submit'}>
            {t('apply.submit')}
          </Button>
        </div>
      </div>
    </div>
  );
}
