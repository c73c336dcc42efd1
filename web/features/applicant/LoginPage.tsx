/**
 * 登录 for applicants (citizens and enterprises), in the portal's own frame and sized for a phone. After
 * signing in the applicant returns to where they were going (?next=, e.g. the online application form); a
 * staff account is pointed to the console instead.
 */
import { useEffect } from 'react';
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import type { LoginBody, MeResponse } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { PageLoading } from '../../components/States';
import { useSite } from '../identity/identity.queries';
import { StaffNotice } from './ApplicantGate';
import { isApplicant, safeNext, switchAccount, usePortalMe } from './applicant.session';
import './applicant.css';

export default function LoginPage() {
  const { t } = useTranslation('applicant');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = usePortalMe();
  const site = useSite();
  const [form] = Form.useForm<LoginBody>();
  const next = safeNext(params.get('next'));
  const wasExpired = (location.state as { expired?: boolean } | null)?.expired === true;

  useEffect(() => {
    document.title = `${t('login.title')} · ${tc('app.name')}`;
  }, [t, tc]);

  const login = useMutation({
    mutationFn: (body: LoginBody) => api.post<MeResponse>('/api/auth/login', body),
    onSuccess: (result) => {
      switchAccount(queryClient, result);
      if (isApplicant(result)) void navigate(next, { replace: true });
    },
    onError: (err) => applyFieldErrors(form, err),
  });

  if (me.isPending) return <PageLoading />;
  if (isApplicant(me.data) && !login.isPending) return <Navigate to={next} replace />;

  const hasDemoApplicant = site.data?.demo && site.data.demoAccounts.some((a) => a.role === 'applicant');
  const registerLink = params.get('next') ? `/register?next=${encodeURIComponent(next)}` : '/register';

  return (
    <div className="ow-container ow-page ow-applicant ow-auth">
      <div className="ow-auth__card">
        <h1 className="ow-page__title ow-auth__title">{t('login.title')}</h1>
        <p className="ow-muted ow-auth__lead">{t('login.lead')}</p>
        {me.data && !isApplicant(me.data) ? (
          <StaffNotice me={me.data} />
        ) : (
          <>
            {params.get('next')?.startsWith('/apply/') && !login.isError && (
              <Alert type="info" showIcon className="ow-auth__alert" message={t('login.toApply')} />
            )}
            {wasExpired && !login.isError && <Alert type="warning" showIcon className="ow-auth__alert" message={t('login.expired')} role="alert" />}
            {login.isError && <Alert type="error" showIcon className="ow-auth__alert" message={errorMessage(login.error)} role="alert" />}
            <Form<LoginBody>
              form={form}
              name="applicant-login"
              layout="vertical"
              requiredMark={false}
              size="large"
              disabled={login.isPending}
              onFinish={(values) => login.mutate({ username: values.username.trim(), password: values.password })}
            >
              <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
                <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoCapitalize="none" spellCheck={false} maxLength={64} />
              </Form.Item>
              <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
                <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" maxLength={128} />
              </Form.Item>
              <Button type="primary" htmlType="submit" block loading={login.isPending}>
                {t('login.submit')}
              </Button>
            </Form>
            <p className="ow-auth__switch">
              {t('login.noAccount')} <Link to={registerLink}>{t('login.register')}</Link>
            </p>
            {hasDemoApplicant && <p className="ow-small ow-muted ow-auth__demo">{t('login.demoHint')}</p>}
            <p className="ow-small ow-muted ow-auth__staff">
              {t('login.staffHint')} <Link to="/staff">{tc('nav.staffLogin')}</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
