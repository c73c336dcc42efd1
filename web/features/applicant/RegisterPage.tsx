/**
 * 实名注册: a person registers with their resident ID number (GB 11643), an enterprise or organisation with its
 * unified social credit code (GB 32100). Both numbers are checked as they are typed, with the same rules the
 * server applies (common/id-number.ts, common/credit-code.ts); the server's own field errors land next to
 * the fields. After registering the applicant is signed in and goes on where they were going.
 */
import { useEffect, useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { checkCreditCode } from '../../../common/credit-code';
import { checkIdNumber } from '../../../common/id-number';
import { api, errorMessage } from '../../api/client';
import type { MeResponse } from '../../api/types';
import type { RegisterBody, SubjectKind } from '../../api/applicant.types';
import { applyFieldErrors } from '../../components/form-errors';
import { PageLoading } from '../../components/States';
import { ToggleButtons } from '../../components/ToggleButtons';
import { StaffNotice } from './ApplicantGate';
import { isApplicant, safeNext, switchAccount, usePortalMe } from './applicant.session';
import './applicant.css';

interface RegisterForm {
  displayName: string;
  idNumber: string;
  phone: string;
  email?: string;
  username: string;
  password: string;
  confirm: string;
}

/** The server's rules (identity.schemas.ts Username, platform/auth/password.ts isStrongPassword, Phone). */
const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;
const PHONE = /^1[3-9]\d{9}$/;
function isStrongPassword(value: string): boolean {
  return value.length >= 8 && value.length <= 128 && /[A-Za-z]/.test(value) && /\d/.test(value);
}

export default function RegisterPage() {
  const { t } = useTranslation('applicant');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = usePortalMe();
  const [form] = Form.useForm<RegisterForm>();
  const [kind, setKind] = useState<SubjectKind>('person');
  const next = safeNext(params.get('next'));
  const idNumber = Form.useWatch('idNumber', form) ?? '';

  useEffect(() => {
    document.title = `${t('register.title')} · ${tc('app.name')}`;
  }, [t, tc]);

  const register = useMutation({
    mutationFn: async (body: RegisterBody) => {
      await api.post('/api/auth/register', body);
      return api.post<MeResponse>('/api/auth/login', { username: body.username, password: body.password });
    },
    onSuccess: (result) => {
      switchAccount(queryClient, result);
      void navigate(next, { replace: true });
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  if (me.isPending) return <PageLoading />;
  if (isApplicant(me.data) && !register.isPending) return <Navigate to={next} replace />;

  /** Live check of the ID number or credit code; a number still being typed is not an error yet. */
  const subjectRule = (live: boolean): Rule => ({
    validateTrigger: live ? 'onChange' : 'onBlur',
    validator: async (_, raw: string | undefined) => {
      const value = (raw ?? '').trim().toUpperCase();
      if (!value || (live && value.length < 18)) return;
      const result = kind === 'person' ? checkIdNumber(value) : checkCreditCode(value);
      if (!result.valid) throw new Error(t(`problem.${result.problem}`));
    },
  });

  const idCheck = kind === 'person' && idNumber.length === 18 ? checkIdNumber(idNumber) : null;
  const codeCheck = kind === 'enterprise' && idNumber.length === 18 ? checkCreditCode(idNumber) : null;
  const okHint = idCheck?.valid
    ? t('register.idOk', { date: idCheck.parts.birthDate })
    : codeCheck?.valid
      ? t('register.codeOk')
      : undefined;

  const submit = (v: RegisterForm) => {
    const body: RegisterBody = {
      subjectKind: kind,
      displayName: v.displayName.trim(),
      idNumber: v.idNumber.trim().toUpperCase(),
      phone: v.phone.trim(),
      username: v.username.trim(),
      password: v.password,
      ...(v.email?.trim() ? { email: v.email.trim() } : {}),
    };
    register.mutate(body);
  };

  const isPerson = kind === 'person';
  return (
    <div className="ow-container ow-page ow-applicant ow-auth">
      <div className="ow-auth__card">
        <h1 className="ow-page__title ow-auth__title">{t('register.title')}</h1>
        <p className="ow-muted ow-auth__lead">{t('register.lead')}</p>
        {me.data && !isApplicant(me.data) ? (
          <StaffNotice me={me.data} />
        ) : (
          <>
            <ToggleButtons<SubjectKind>
              size="middle"
              className="ow-kind-switch"
              label={t('register.kindLabel')}
              value={kind}
              onChange={(value) => {
                setKind(value);
                // The number means something else now: check it again by the new rule.
                if (form.getFieldValue('idNumber')) void form.validateFields(['idNumber']).catch(() => {});
              }}
              options={[
                { value: 'person', label: t('register.kind.person') },
                { value: 'enterprise', label: t('register.kind.enterprise') },
              ]}
            />
            {register.isError && <Alert type="error" showIcon className="ow-auth__alert" message={errorMessage(register.error)} role="alert" />}
            <Form<RegisterForm>
              form={form}
              name="applicant-register"
              layout="vertical"
              size="large"
              disabled={register.isPending}
              onFinish={submit}
              scrollToFirstError={{ block: 'center' }}
            >
              <Form.Item
                label={isPerson ? t('register.personName') : t('register.enterpriseName')}
                name="displayName"
                rules={[{ required: true, whitespace: true, message: t('register.required') }]}
                extra={isPerson ? t('register.personNameHint') : t('register.enterpriseNameHint')}
              >
                <Input maxLength={isPerson ? 50 : 100} autoComplete={isPerson ? 'name' : 'organization'} />
              </Form.Item>
              <Form.Item
                label={isPerson ? t('register.idNumber') : t('register.creditCode')}
                name="idNumber"
                normalize={(value: string) => value.toUpperCase().replace(/\s/g, '')}
                validateTrigger={['onChange', 'onBlur']}
                validateFirst
                rules={[{ required: true, message: t('register.required') }, subjectRule(true), subjectRule(false)]}
                extra={okHint ?? (isPerson ? t('register.idNumberHint') : t('register.creditCodeHint'))}
                hasFeedback={!!okHint}
              >
                <Input maxLength={18} autoComplete="off" spellCheck={false} />
              </Form.Item>
              <Form.Item
                label={isPerson ? t('register.phone') : t('register.contactPhone')}
                name="phone"
                rules={[
                  { required: true, message: t('register.required') },
                  { pattern: PHONE, message: t('problem.PHONE_FORMAT') },
                ]}
              >
                <Input inputMode="tel" maxLength={11} autoComplete="tel" />
              </Form.Item>
              <Form.Item label={t('register.email')} name="email" rules={[{ type: 'email', message: t('register.emailInvalid') }]}>
                <Input inputMode="email" maxLength={120} autoComplete="email" />
              </Form.Item>
              <Form.Item
                label={t('register.username')}
                name="username"
                extra={t('register.usernameHint')}
                rules={[
                  { required: true, message: t('register.required') },
                  { pattern: USERNAME, message: t('register.usernameRule') },
                ]}
              >
                <Input maxLength={32} autoComplete="username" autoCapitalize="none" spellCheck={false} />
              </Form.Item>
              <Form.Item
                label={t('register.password')}
                name="password"
                extra={t('register.passwordHint')}
                rules={[
                  { required: true, message: t('register.required') },
                  { validator: async (_, value: string | undefined) => { if (value && !isStrongPassword(value)) throw new Error(t('problem.PASSWORD_WEAK')); } },
                ]}
              >
                <Input.Password maxLength={128} autoComplete="new-password" />
              </Form.Item>
              <Form.Item
                label={t('register.confirm')}
                name="confirm"
                dependencies={['password']}
                rules={[
                  { required: true, message: t('register.required') },
                  ({ getFieldValue }) => ({
                    validator: async (_, value: string | undefined) => {
                      if (value && value !== getFieldValue('password')) throw new Error(t('register.confirmMismatch'));
                    },
                  }),
                ]}
              >
                <Input.Password maxLength={128} autoComplete="new-password" />
              </Form.Item>
              <p className="ow-small ow-muted">{t('register.privacy')}</p>
              <Button type="primary" htmlType="submit" block loading={register.isPending}>
                {t('register.submit')}
              </Button>
            </Form>
            <p className="ow-auth__switch">
              {t('register.haveAccount')} <Link to={params.get('next') ? `/login?next=${encodeURIComponent(next)}` : '/login'}>{t('register.signIn')}</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
