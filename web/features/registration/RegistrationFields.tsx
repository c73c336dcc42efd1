/**
 * 登记信息: the registration form of the item 企业设立、变更、注销登记, as a section of whichever antd form holds it
 * (the window intake, the applicant's online application). Its fields live under the name path ['form', …], so
 * the server's `body.form.*` errors land next to them. The name is checked as it is typed; the legal
 * representative's ID number and the credit code are checked by their GB 11643 / GB 32100 check characters.
 */
import { useEffect, useState } from 'react';
import { Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { CheckCircleTwoTone, CloseCircleTwoTone, LoadingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { checkCreditCode } from '../../../common/credit-code';
import { checkIdNumber } from '../../../common/id-number';
import { ENTITY_TYPES, entityTypeOf, isWellFormedName, REGISTRATION_ITEM_CODE, type RegistrationKind } from '../../../common/registration';
import { api } from '../../api/client';
import type { NameCheckResult } from '../../api/registration.types';
import { ToggleButtons } from '../../components/ToggleButtons';
import { usePublicOrg } from '../org/org.queries';
import './registration-i18n';

export function isRegistrationItem(code: string | undefined | null): boolean {
  return code === REGISTRATION_ITEM_CODE;
}

const KEYS = ['kind', 'uscc', 'enterpriseName', 'entityType', 'legalRepName', 'legalRepIdNumber', 'registeredCapital', 'townshipCode', 'address', 'businessScope', 'cancelReason'] as const;

/** The section's values as body.form: blanks left out, codes in capitals, capital a number. */
export function registrationFormBody(values: Record<string, unknown> | undefined): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const key of KEYS) {
    const v = values?.[key];
    if (v === undefined || v === null || v === '') continue;
    if (key === 'registeredCapital') out[key] = Number(v);
    else out[key] = key === 'uscc' || key === 'legalRepIdNumber' ? String(v).trim().toUpperCase() : String(v).trim();
  }
  return out;
}

function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const handle = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(handle);
  }, [value, ms]);
  return debounced;
}

/** Live 名称查重 under the name field. */
function NameStatus({ name }: { name: string }) {
  const { t } = useTranslation('registration');
  const debounced = useDebounced(name.trim(), 400);
  const wellFormed = isWellFormedName(debounced);
  const check = useQuery({
    queryKey: ['registration', 'name-check', debounced],
    queryFn: ({ signal }) => api.get<NameCheckResult>('/api/registration/name-check', { name: debounced }, signal),
    enabled: wellFormed,
    staleTime: 10_000,
  });
  if (!debounced) return null;
  if (!wellFormed) return <Typography.Text type="secondary">{t('name.malformed')}</Typography.Text>;
  if (check.isFetching || !check.data) return <span role="status"><LoadingOutlined /> {t('name.checking')}</span>;
  const r = check.data;
  return (
    <span role="status">
      {r.available ? (
        <>
          <CheckCircleTwoTone twoToneColor="#52c41a" /> {t('name.available')}
        </>
      ) : (
        <>
          <CloseCircleTwoTone twoToneColor="#ff4d4f" />{' '}
          <Typography.Text type="danger">
            {r.takenBy?.kind === 'case' ? t('name.takenCase', { number: r.takenBy.caseNumber }) : t('name.takenEnterprise', { name: r.takenBy?.name, uscc: r.takenBy?.uscc })}
          </Typography.Text>
        </>
      )}
      {r.similar.length > 0 && (
        <span className="ow-small ow-muted">
          {' · '}
          {t('name.similar')}
          {r.similar.map((s) => s.name).join('、')}
        </span>
      )}
    </span>
  );
}

/** The section's title (登记信息), for the card or heading that holds it. */
export function RegistrationTitle() {
  const { t } = useTranslation('registration');
  return <>{t('section.title')}</>;
}

/** The 登记信息 section; put it inside the antd Form that sends the case. */
export function RegistrationFields({ initial, disabled = false }: { initial?: Record<string, unknown> | null; disabled?: boolean }) {
  const { t } = useTranslation('registration');
  const form = Form.useFormInstance();
  const kind = (Form.useWatch(['form', 'kind'], form) as RegistrationKind | undefined) ?? 'establish';
  const name = (Form.useWatch(['form', 'enterpriseName'], form) as string | undefined) ?? '';
  const entityType = Form.useWatch(['form', 'entityType'], form) as string | undefined;
  const org = usePublicOrg();
  const isEstablish = kind === 'establish';
  const required = (on: boolean) => (on ? [{ required: true, whitespace: true, message: t('required') }] : []);
  const init = (key: (typeof KEYS)[number]) => initial?.[key] ?? undefined;

  const validateId = (_: unknown, raw: string | undefined) => {
    const value = (raw ?? '').trim();
    if (!value) return isEstablish ? Promise.reject(new Error(t('required'))) : Promise.resolve();
    const r = checkIdNumber(value);
    return r.valid ? Promise.resolve() : Promise.reject(new Error(t(`problem.${r.problem}`)));
  };
  const validateUscc = (_: unknown, raw: string | undefined) => {
    const value = (raw ?? '').trim();
    if (!value) return Promise.reject(new Error(t('required')));
    const r = checkCreditCode(value);
    return r.valid ? Promise.resolve() : Promise.reject(new Error(t(`problem.${r.problem}`)));
  };

  return (
    <div className="ow-registration" aria-label={t('section.title')}>
      <p className="ow-small ow-muted">{t('section.intro')}</p>
      <Form.Item name={['form', 'kind']} label={t('kind.label')} initialValue={init('kind') ?? 'establish'}>
        <KindToggle disabled={disabled} />
      </Form.Item>
      {!isEstablish && <p className="ow-small ow-muted">{kind === 'change' ? t('hint.change') : t('hint.cancel')}</p>}
      <Row gutter={16}>
        {!isEstablish && (
          <Col xs={24} md={12}>
            <Form.Item
              name={['form', 'uscc']}
              label={t('field.uscc')}
              initialValue={init('uscc')}
              required
              normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
              validateTrigger="onBlur"
              rules={[{ validator: validateUscc }]}
              hasFeedback
            >
              <Input maxLength={18} className="ow-mono" autoComplete="off" disabled={disabled} />
            </Form.Item>
          </Col>
        )}
        {kind !== 'cancel' && (
          <>
            <Col xs={24} md={12}>
              <Form.Item
                name={['form', 'enterpriseName']}
                label={t('field.enterpriseName')}
                initialValue={init('enterpriseName')}
                rules={required(isEstablish)}
                extra={<NameStatus name={name} />}
              >
                <Input maxLength={100} autoComplete="off" disabled={disabled} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['form', 'entityType']} label={t('field.entityType')} initialValue={init('entityType')} rules={required(isEstablish)}>
                <Select allowClear={!isEstablish} disabled={disabled} options={ENTITY_TYPES.map((e) => ({ value: e.name, label: e.name }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['form', 'legalRepName']} label={t('field.legalRepName')} initialValue={init('legalRepName')} rules={required(isEstablish)}>
                <Input maxLength={50} autoComplete="off" disabled={disabled} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['form', 'legalRepIdNumber']}
                label={t('field.legalRepIdNumber')}
                initialValue={init('legalRepIdNumber')}
                required={isEstablish}
                normalize={(v: string) => v.toUpperCase().replace(/\s/g, '')}
                validateTrigger="onBlur"
                rules={[{ validator: validateId }]}
                hasFeedback
              >
                <Input maxLength={18} className="ow-mono" autoComplete="off" disabled={disabled} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item
                name={['form', 'registeredCapital']}
                label={t('field.registeredCapital')}
                initialValue={init('registeredCapital')}
                extra={t('hint.capital')}
                rules={[{ required: isEstablish && Boolean(entityTypeOf(entityType)?.hasCapital), message: t('required') }]}
              >
                <InputNumber min={0} max={1_000_000} precision={4} style={{ width: '100%' }} disabled={disabled} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name={['form', 'townshipCode']} label={t('field.townshipCode')} initialValue={init('townshipCode')} rules={required(isEstablish)}>
                <Select
                  allowClear={!isEstablish}
                  showSearch
                  optionFilterProp="label"
                  loading={org.isPending}
                  disabled={disabled}
                  options={(org.data?.townships ?? []).map((tw) => ({ value: tw.code, label: tw.name }))}
                />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name={['form', 'address']} label={t('field.address')} initialValue={init('address')} rules={required(isEstablish)}>
                <Input maxLength={200} autoComplete="off" disabled={disabled} />
              </Form.Item>
            </Col>
            <Col xs={24}>
              <Form.Item name={['form', 'businessScope']} label={t('field.businessScope')} initialValue={init('businessScope')} rules={required(isEstablish)}>
                <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} disabled={disabled} />
              </Form.Item>
            </Col>
          </>
        )}
        {kind === 'cancel' && (
          <Col xs={24}>
            <Form.Item name={['form', 'cancelReason']} label={t('field.cancelReason')} initialValue={init('cancelReason')}>
              <Input maxLength={500} autoComplete="off" disabled={disabled} />
            </Form.Item>
          </Col>
        )}
      </Row>
    </div>
  );
}

function KindToggle({ value, onChange, disabled }: { value?: RegistrationKind; onChange?: (v: RegistrationKind) => void; disabled?: boolean }) {
  const { t } = useTranslation('registration');
  return (
    <ToggleButtons<RegistrationKind>
      size="middle"
      label={t('kind.label')}
      value={value ?? 'establish'}
      options={(['establish', 'change', 'cancel'] as const).map((k) => ({ value: k, label: t(`kind.${k}`) }))}
      onChange={(v) => {
        if (!disabled) onChange?.(v);
      }}
    />
  );
}
