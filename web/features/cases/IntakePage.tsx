/**
 * 受理 at a comprehensive window (一窗受理, 无差别受理): find the item, enter the applicant, check the materials
 * against the item's list, then accept, issue the one-time notice, refuse, or decide on the spot. Built for a
 * queue: the item search has the focus, Enter moves on, Alt+letter presses the outcome buttons, and 下一位
 * clears everything for the next person. The second mode continues an application whose materials were
 * incomplete (补齐材料后继续受理), found by its number or the applicant.
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, Checkbox, Col, Descriptions, Form, Input, Row, Select, Spin, Tag } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { checkCreditCode } from '../../../common/credit-code';
import { checkIdNumber } from '../../../common/id-number';
import { api, ApiError, type ApiFieldError } from '../../api/client';
import { FormErrorAlert } from '../../components/FormErrorAlert';
import type { ItemDetail, ItemSummary } from '../../api/types';
import type { CaseDetail, ContinueIntakeBody, IntakeBody } from '../../api/cases.types';
import { applyFieldErrors } from '../../components/form-errors';
import { PageHeader } from '../../components/PageHeader';
import { ErrorState } from '../../components/States';
import { ToggleButtons } from '../../components/ToggleButtons';
import { useLabels } from '../../i18n/labels';
import { useSession } from '../../surfaces/console/session';
import { legalLimitText, maxVisitsText, promisedLimitText } from '../catalog/format';
import { useStaffItem } from '../catalog/catalog.staff-queries';
import { isRegistrationItem, RegistrationFields, registrationFormBody, RegistrationTitle } from '../registration/RegistrationFields';
import { ContinueFinder } from './IntakeContinueFinder';
import { IntakeOutcomeBar, type IntakeChoice } from './IntakeOutcomeBar';
import { IntakeResult } from './IntakeResult';
import { hasDeficiency, initialRows, markAllReceived, MaterialsChecklist, missingRequired, toMaterialInputs, type MaterialRow } from './MaterialsChecklist';
import { useItemProcess, useItemSearch, useRefreshCases } from './cases.queries';
import './cases.css';

type Mode = 'new' | 'continue';
type ApplicantKind = 'person' | 'enterprise';

interface IntakeForm {
  applicant: { kind: ApplicantKind; name: string; idNumber: string; phone: string; address: string };
  hasContact: boolean;
  contact: { name: string; phone: string };
  materials: MaterialRow[];
  commitment: boolean;
}

interface ContinueForm {
  materials: MaterialRow[];
  commitment: boolean;
}

const MOBILE = /^1[3-9]\d{9}$/;

/** Enter in a field marked data-enter-next moves to the next such field (not while an IME is composing). */
function moveOnEnter(e: ReactKeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
  const target = e.target as HTMLElement;
  if (!(target instanceof HTMLInputElement) || target.dataset.enterNext === undefined) return;
  e.preventDefault();
  const fields = [...e.currentTarget.querySelectorAll<HTMLElement>('[data-enter-next]')].filter(
    (el) => !el.hasAttribute('disabled') && el.getClientRects().length > 0,
  );
  fields[fields.indexOf(target) + 1]?.focus();
}

/** Hook shared by both modes: submits an outcome, shows field errors next to the fields and the rest above. */
function useIntakeSubmit<T extends object>(form: FormInstance<T>) {
  const { t } = useTranslation('cases');
  const [busy, setBusy] = useState<IntakeChoice | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<ApiFieldError[]>([]);
  const run = async (choice: IntakeChoice, send: () => Promise<CaseDetail>, onDone: (c: CaseDetail) => void, validate = true): Promise<CaseDetail> => {
    setError(null);
    setUnmatched([]);
    if (validate) {
      try {
        await form.validateFields();
      } catch {
        const err = new Error(t('intake.fixErrors'));
        setError(err);
        throw err;
      }
    }
    setBusy(choice);
    try {
      const result = await send();
      onDone(result);
      return result;
    } catch (err) {
      setUnmatched(applyFieldErrors(form, err));
      setError(err);
      throw err;
    } finally {
      setBusy(null);
    }
  };
  const alert = <FormErrorAlert error={error} unmatched={unmatched} showPath={false} />;
  return { busy, run, alert };
}

/**
 * Window clerks accept; a township centre's staff (also cases.intake) may not — the server refuses it. The
 * abilities do not tell the two apart, so the role decides here (see the report: an intake ability is missing).
 */
function useCanAccept(): boolean {
  const { me } = useSession();
  return me.account.roles.includes('clerk');
}

// ---------------------------------------------------------------------------------------------- item

function ItemPicker({ value, onChange }: { value: ItemSummary | null; onChange: (item: ItemSummary | null) => void }) {
  const { t } = useTranslation('cases');
  const [q, setQ] = useState('');
  const search = useItemSearch(q.trim());
  // Only the answer to what is typed now: a fast Enter must never pick an option of the previous letters.
  const fresh = search.data && !search.isPlaceholderData ? search.data.items : null;
  const options = (fresh ?? []).map((i) => ({ value: i.id, label: `${i.code} ${i.name}`, item: i }));
  if (value && !options.some((o) => o.value === value.id)) options.unshift({ value: value.id, label: `${value.code} ${value.name}`, item: value });
  // Enter pressed before the answer came: take its first item when it comes.
  const pendingEnter = useRef(false);
  /** What was typed last, ahead of the render that shows its answer. */
  const typed = useRef('');
  const first = fresh?.[0];
  useEffect(() => {
    if (pendingEnter.current && first) {
      pendingEnter.current = false;
      onChange(first);
    }
  }, [first, onChange]);
  return (
    <Select
      className="ow-item-picker"
      size="large"
      showSearch
      autoFocus
      allowClear
      aria-label={t('intake.itemSearch')}
      placeholder={t('intake.itemPlaceholder')}
      filterOption={false}
      value={value?.id}
      onSearch={(text) => {
        pendingEnter.current = false;
        typed.current = text;
        setQ(text);
      }}
      onInputKeyDown={(e) => {
        if (e.key !== 'Enter' || e.nativeEvent.isComposing || !typed.current.trim()) return;
        if (!fresh || typed.current !== q) pendingEnter.current = true;
      }}
      onChange={(id?: string) => onChange(options.find((o) => o.value === id)?.item ?? null)}
      notFoundContent={search.isFetching || !fresh ? <Spin size="small" /> : t('intake.itemNotFound')}
      options={options.map((o) => ({ value: o.value, label: o.label }))}
      style={{ width: '100%' }}
    />
  );
}

function ItemEssentials({ item, allowsCommitment, processPending }: { item: ItemDetail; allowsCommitment: boolean | undefined; processPending: boolean }) {
  const { t } = useTranslation('cases');
  const { t: tc } = useTranslation();
  const labels = useLabels();
  return (
    <Descriptions
      className="ow-item-essentials"
      size="small"
      column={{ xs: 1, sm: 2, lg: 4 }}
      items={[
        { key: 'class', label: t('intake.guide.processingClass'), children: <Tag color={item.processingClass === '即办件' ? 'green' : 'blue'}>{labels.processingClass(item.processingClass)}</Tag> },
        { key: 'promised', label: t('intake.guide.promised'), children: <strong>{promisedLimitText(tc, item)}</strong> },
        { key: 'legal', label: t('intake.guide.legal'), children: legalLimitText(tc, item.legalLimit) },
        {
          key: 'commitment',
          label: t('intake.guide.commitment'),
          children: processPending ? (
            <span className="ow-muted">{t('intake.guide.loadingProcess')}</span>
          ) : allowsCommitment ? (
            <Tag color="green">{t('intake.guide.commitmentYes')}</Tag>
          ) : (
            <span className="ow-muted">{t('intake.guide.commitmentNo')}</span>
          ),
        },
        { key: 'unit', label: t('intake.guide.unit'), children: item.executingUnit.name },
        { key: 'result', label: t('intake.guide.result'), children: item.resultName || '—' },
        { key: 'visits', label: t('intake.guide.visits'), children: `${maxVisitsText(tc, item.maxVisits)}${item.isOnline ? ` · ${tc('tag.online')}` : ''}` },
        {
          key: 'guide',
          label: tc('nav.items'),
          children: (
            <a href={`/items/${item.code}`} target="_blank" rel="noopener">
              {t('intake.guide.openGuide', { code: item.code })}
            </a>
          ),
        },
      ]}
    />
  );
}

// ---------------------------------------------------------------------------------------------- applicant

function ApplicantFields({ form }: { form: FormInstance<IntakeForm> }) {
  const { t } = useTranslation('cases');
  const kind = (Form.useWatch(['applicant', 'kind'], form) as ApplicantKind | undefined) ?? 'person';
  const hasContact = Form.useWatch('hasContact', form) as boolean | undefined;
  const validateId = (_: unknown, raw: string | undefined) => {
    const value = (raw ?? '').trim();
    if (!value) return Promise.reject(new Error(t('common.required')));
    const result = kind === 'person' ? checkIdNumber(value) : checkCreditCode(value);
    return result.valid ? Promise.resolve() : Promise.reject(new Error(t(`problem.${result.problem}`)));
  };
  return (
    <>
      <Form.Item name={['applicant', 'kind']} label={t('intake.applicantKind')} style={{ marginBottom: 12 }}>
        <KindControl
          onAfterChange={() => {
            if (form.getFieldValue(['applicant', 'idNumber'])) void form.validateFields([['applicant', 'idNumber']]).catch(() => undefined);
          }}
        />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={12} xl={8}>
          <Form.Item
            name={['applicant', 'name']}
            label={kind === 'person' ? t('intake.personName') : t('intake.enterpriseName')}
            rules={[{ required: true, whitespace: true, message: t('common.required') }]}
          >
            <Input maxLength={100} autoComplete="off" data-enter-next="" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item
            name={['applicant', 'idNumber']}
            label={kind === 'person' ? t('intake.idNumber') : t('intake.creditCode')}
            normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
            required
            validateTrigger="onBlur"
            rules={[{ validator: validateId }]}
            hasFeedback
          >
            <Input
              maxLength={18}
              autoComplete="off"
              className="ow-mono"
              data-enter-next=""
              onChange={(e) => {
                // Checked live as soon as the 18th character is typed.
                if (e.target.value.length >= 18) void form.validateFields([['applicant', 'idNumber']]).catch(() => undefined);
              }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item
            name={['applicant', 'phone']}
            label={t('intake.phone')}
            validateTrigger="onBlur"
            rules={[
              { required: true, message: t('common.required') },
              { pattern: MOBILE, message: t('problem.PHONE_FORMAT') },
            ]}
          >
            <Input maxLength={11} inputMode="numeric" autoComplete="off" data-enter-next="" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={16}>
          <Form.Item name={['applicant', 'address']} label={t('intake.address')}>
            <Input maxLength={200} autoComplete="off" data-enter-next="" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <Form.Item name="hasContact" valuePropName="checked" label=" " colon={false}>
            <Checkbox>{t('intake.hasContact')}</Checkbox>
          </Form.Item>
        </Col>
        {hasContact && (
          <>
            <Col xs={24} md={12} xl={8}>
              <Form.Item name={['contact', 'name']} label={t('intake.contactName')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input maxLength={50} autoComplete="off" data-enter-next="" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12} xl={8}>
              <Form.Item
                name={['contact', 'phone']}
                label={t('intake.contactPhone')}
                validateTrigger="onBlur"
                rules={[
                  { required: true, message: t('common.required') },
                  { pattern: MOBILE, message: t('problem.PHONE_FORMAT') },
                ]}
              >
                <Input maxLength={11} inputMode="numeric" autoComplete="off" data-enter-next="" />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
    </>
  );
}

function KindControl({ value, onChange, onAfterChange }: { value?: ApplicantKind; onChange?: (v: ApplicantKind) => void; onAfterChange: () => void }) {
  const { t } = useTranslation('cases');
  return (
    <ToggleButtons<ApplicantKind>
      size="middle"
      label={t('intake.applicantKind')}
      value={value ?? 'person'}
      options={[
        { value: 'person', label: t('applicantKind.person') },
        { value: 'enterprise', label: t('applicantKind.enterprise') },
      ]}
      onChange={(v) => {
        onChange?.(v);
        window.setTimeout(onAfterChange, 0);
      }}
    />
  );
}

// ---------------------------------------------------------------------------------------------- new

function NewIntake({ onDone }: { onDone: (c: CaseDetail) => void }) {
  const { t } = useTranslation('cases');
  const canAccept = useCanAccept();
  const [form] = Form.useForm<IntakeForm>();
  const [item, setItem] = useState<ItemSummary | null>(null);
  const detail = useStaffItem(item?.id);
  const process = useItemProcess(item?.id);
  const rows = Form.useWatch('materials', form) as MaterialRow[] | undefined;
  const { busy, run, alert } = useIntakeSubmit(form);
  const refresh = useRefreshCases();
  const materials = useMemo(() => (detail.data && detail.data.id === item?.id ? detail.data.materials : []), [detail.data, item?.id]);
  const ready = Boolean(item && detail.data?.id === item.id);

  // A new item brings its own checklist, and the applicant type its audience suggests.
  useEffect(() => {
    if (!ready || !detail.data) return;
    form.setFieldValue('materials', initialRows(detail.data.materials));
    form.setFieldValue('commitment', false);
    if (!form.isFieldTouched(['applicant', 'kind'])) {
      form.setFieldValue(['applicant', 'kind'], detail.data.audience === 'enterprise' ? 'enterprise' : 'person');
    }
  }, [ready, detail.data, form]);

  const focusApplicant = () => window.setTimeout(() => document.getElementById('intake_applicant_name')?.focus(), 50);

  const submit = (choice: IntakeChoice, refusalReason?: string) =>
    run(
      choice,
      () => {
        const v = form.getFieldsValue(true) as IntakeForm;
        const body: IntakeBody = {
          itemId: item?.id ?? '',
          applicant: {
            kind: v.applicant.kind,
            name: v.applicant.name.trim(),
            idNumber: v.applicant.idNumber.trim(),
            phone: v.applicant.phone.trim(),
            address: (v.applicant.address ?? '').trim(),
          },
          ...(v.hasContact ? { contact: { name: v.contact.name.trim(), phone: v.contact.phone.trim() } } : {}),
          // 登记信息 of a business registration (一照一码).
          ...(isRegistrationItem(item?.code) ? { form: registrationFormBody((v as { form?: Record<string, unknown> }).form) } : {}),
          materials: toMaterialInputs(v.materials ?? []),
          outcome: choice === 'decide_now' ? 'accept' : choice,
          ...(choice === 'refuse' ? { refusalReason } : {}),
          commitment: choice === 'accept' && Boolean(v.commitment),
          decideNow: choice === 'decide_now',
        };
        return api.post<CaseDetail>('/api/cases/intake', body);
      },
      (c) => {
        refresh();
        onDone(c);
      },
      // A refusal needs no complete checklist or applicant check beyond what the server asks for.
      choice !== 'refuse',
    );

  return (
    <Form<IntakeForm>
      form={form}
      name="intake"
      layout="vertical"
      requiredMark
      initialValues={{ applicant: { kind: 'person', name: '', idNumber: '', phone: '', address: '' }, hasContact: false, contact: { name: '', phone: '' }, materials: [], commitment: false }}
      onKeyDown={moveOnEnter}
      className="ow-intake"
    >
      <Card size="small" className="ow-intake-card" title={<span className="ow-step-title">1 · {t('intake.itemTitle')}</span>}>
        <ItemPicker
          value={item}
          onChange={(next) => {
            setItem(next);
            if (next) focusApplicant();
          }}
        />
        {item && detail.isError && <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />}
        {item && detail.isPending && <Spin style={{ display: 'block', marginTop: 12 }} />}
        {ready && detail.data && <ItemEssentials item={detail.data} allowsCommitment={process.data?.current.body.allowsCommitment} processPending={process.isPending} />}
      </Card>
      <Card size="small" className="ow-intake-card" title={<span className="ow-step-title">2 · {t('intake.applicantTitle')}</span>} extra={<span className="ow-small ow-muted">{t('intake.enterHint')}</span>}>
        <ApplicantFields form={form} />
      </Card>
      {isRegistrationItem(item?.code) && (
        <Card size="small" className="ow-intake-card" title={<span className="ow-step-title">2a · <RegistrationTitle /></span>}>
          <RegistrationFields />
        </Card>
      )}
      <Card size="small" className="ow-intake-card" title={<span className="ow-step-title">3 · {t('intake.materialsTitle')}</span>}>
        {ready ? <MaterialsChecklist form={form} materials={materials} /> : <p className="ow-muted">{t('intake.chooseItemFirst')}</p>}
      </Card>
      {alert}
      <IntakeOutcomeBar
        ready={ready}
        missingRequired={missingRequired(materials, rows)}
        hasDeficiency={hasDeficiency(rows)}
        isInstant={detail.data?.processingClass === '即办件'}
        allowsCommitment={Boolean(process.data?.current.body.allowsCommitment)}
        canAccept={canAccept}
        busy={busy}
        onChoose={(choice) => void submit(choice).catch(() => undefined)}
        onRefuse={(reason) => submit('refuse', reason)}
        onAllReceived={() => markAllReceived(form, materials)}
      />
    </Form>
  );
}

// ---------------------------------------------------------------------------------------------- continue

function ContinueIntake({ initialNumber, onDone }: { initialNumber: string | null; onDone: (c: CaseDetail) => void }) {
  const { t } = useTranslation('cases');
  const canAccept = useCanAccept();
  const [form] = Form.useForm<ContinueForm>();
  const [picked, setPicked] = useState<CaseDetail | null>(null);
  const detail = useStaffItem(picked?.itemId);
  const process = useItemProcess(picked?.itemId);
  const rows = Form.useWatch('materials', form) as MaterialRow[] | undefined;
  const { busy, run, alert } = useIntakeSubmit(form);
  const refresh = useRefreshCases();
  const materials = useMemo(() => (detail.data && detail.data.id === picked?.itemId ? detail.data.materials : []), [detail.data, picked?.itemId]);
  const ready = Boolean(picked && picked.abilities.continueIntake && detail.data?.id === picked.itemId);

  useEffect(() => {
    if (!ready || !detail.data || !picked) return;
    form.setFieldsValue({ materials: initialRows(detail.data.materials, picked.materials), commitment: false });
  }, [ready, detail.data, picked, form]);

  const reload = async () => {
    if (!picked) return;
    const fresh = await api.get<CaseDetail>(`/api/cases/${picked.id}`);
    setPicked(fresh);
  };

  const submit = (choice: IntakeChoice, refusalReason?: string) =>
    run(
      choice,
      async () => {
        if (!picked) throw new Error(t('intake.chooseItemFirst'));
        const v = form.getFieldsValue(true) as ContinueForm;
        const body: ContinueIntakeBody = {
          version: picked.version,
          materials: toMaterialInputs(v.materials ?? []),
          outcome: choice === 'decide_now' ? 'accept' : choice,
          ...(choice === 'refuse' ? { refusalReason } : {}),
          commitment: choice === 'accept' && Boolean(v.commitment),
          decideNow: choice === 'decide_now',
        };
        try {
          return await api.post<CaseDetail>(`/api/cases/${picked.id}/intake`, body);
        } catch (err) {
          if (err instanceof ApiError && err.status === 409) await reload().catch(() => undefined);
          throw err;
        }
      },
      (c) => {
        refresh();
        onDone(c);
      },
      choice !== 'refuse',
    );

  const previous = picked?.materials.filter((m) => m.status === 'missing' || m.status === 'defective') ?? [];

  return (
    <Form<ContinueForm> form={form} name="continue-intake" layout="vertical" initialValues={{ materials: [], commitment: false }} className="ow-intake">
      <Card size="small" className="ow-intake-card" title={<span className="ow-step-title">1 · {t('intake.continue.title')}</span>}>
        <ContinueFinder initialNumber={initialNumber} picked={picked} onPick={setPicked} />
        {picked && !picked.abilities.continueIntake && (
          <Alert type="warning" showIcon style={{ marginTop: 12 }} message={t('intake.continue.notContinuable', { phase: t(`phase.${picked.phase}`) })} />
        )}
        {picked && ready && detail.data && (
          <>
            <ItemEssentials item={detail.data} allowsCommitment={process.data?.current.body.allowsCommitment} processPending={process.isPending} />
            {previous.length > 0 && (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                message={t('intake.continue.previous')}
                description={
                  <ul className="ow-plain-list">
                    {previous.map((m) => (
                      <li key={m.id}>
                        <Tag color="orange">{t(`materialStatus.${m.status}`)}</Tag>
                        {m.name}
                        {m.note ? `：${m.note}` : ''}
                      </li>
                    ))}
                  </ul>
                }
              />
            )}
          </>
        )}
      </Card>
      <Card size="small" className="ow-intake-card" title={<span className="ow-step-title">2 · {t('intake.materialsTitle')}</span>}>
        {ready && picked ? (
          <MaterialsChecklist form={form} materials={materials} caseId={picked.id} caseMaterials={picked.materials} />
        ) : (
          <p className="ow-muted">{t('intake.continue.none')}</p>
        )}
      </Card>
      {alert}
      <IntakeOutcomeBar
        ready={ready}
        missingRequired={missingRequired(materials, rows)}
        hasDeficiency={hasDeficiency(rows)}
        isInstant={detail.data?.processingClass === '即办件'}
        allowsCommitment={Boolean(process.data?.current.body.allowsCommitment)}
        canAccept={canAccept}
        busy={busy}
        onChoose={(choice) => void submit(choice).catch(() => undefined)}
        onRefuse={(reason) => submit('refuse', reason)}
        onAllReceived={() => markAllReceived(form, materials)}
      />
    </Form>
  );
}

// ---------------------------------------------------------------------------------------------- page

export function IntakePage() {
  const { t } = useTranslation('cases');
  const { t: tc } = useTranslation('console');
  const { me, can } = useSession();
  const [params, setParams] = useSearchParams();
  const initialNumber = params.get('case');
  const [mode, setMode] = useState<Mode>(initialNumber ? 'continue' : 'new');
  const [result, setResult] = useState<CaseDetail | null>(null);
  // Remounting the form is the surest reset between applicants.
  const [round, setRound] = useState(0);
  const topRef = useRef<HTMLDivElement>(null);

  // The next person in the queue most likely brings a new application.
  const next = () => {
    setResult(null);
    setMode('new');
    setRound((r) => r + 1);
    if (params.get('case')) setParams(new URLSearchParams(), { replace: true });
    topRef.current?.scrollIntoView({ block: 'start' });
  };

  return (
    <div ref={topRef}>
      <PageHeader
        title={t('intake.title')}
        extra={
          !result && (
            <ToggleButtons<Mode>
              size="middle"
              label={t('intake.modeLabel')}
              value={mode}
              options={[
                { value: 'new', label: t('intake.modeNew') },
                { value: 'continue', label: t('intake.modeContinue') },
              ]}
              onChange={(m) => {
                setMode(m);
                setRound((r) => r + 1);
              }}
            />
          )
        }
      >
        <p className="ow-muted" style={{ margin: 0 }}>
          {t('intake.subtitle')}
          {me.account.windowName ? ` · ${me.account.windowName}` : ''}
          {can('queue.window') && (
            <>
              {' · '}
              <Link to="/staff/queue">{tc('menu.queue')}</Link>
            </>
          )}
        </p>
      </PageHeader>
      {result ? (
        <IntakeResult result={result} onNext={next} />
      ) : mode === 'new' ? (
        <NewIntake key={`new-${round}`} onDone={setResult} />
      ) : (
        <ContinueIntake key={`continue-${round}`} initialNumber={round === 0 ? initialNumber : null} onDone={setResult} />
      )}
    </div>
  );
}
