/**
 * 工作人员登录. Shows the server's message on failure (wrong password, locked, disabled) and why the user was
 * sent here (session expired). In demo mode the demo accounts are offered as quick-fill buttons; their
 * password is documented in the README, never shown here.
 */
import { useEffect, useRef } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Form, Input, type InputRef } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import type { LoginBody, MeResponse } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useLabels } from '../../i18n/labels';
import { clearLoginNotice, ME_KEY, useLoginNotice, useMeQuery } from '../../surfaces/console/session';
import type { LoginState } from '../../surfaces/console/ConsoleApp';
import { useSite } from './identity.queries';

function safeReturnPath(from: string | undefined): string {
  return from && from.startsWith('/staff') && !from.startsWith('/staff/login') ? from : '/staff';
}

export function LoginPage() {
  const { t } = useTranslation('console');
  const { t: tc } = useTranslation();
  const labels = useLabels();
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const state = (location.state ?? null) as LoginState | null;
  const me = useMeQuery();
  const site = useSite();
  const [form] = Form.useForm<LoginBody>();
  const passwordRef = useRef<InputRef>(null);
  const notice = useLoginNotice();

  useEffect(() => {
    document.title = `${t('login.title')} · ${t('title')}`;
  }, [t]);

  const login = useMutation({
    mutationFn: (body: LoginBody) => api.post<MeResponse>('/api/auth/login', body),
    onMutate: () => clearLoginNotice(),
    onSuccess: (result) => {
      queryClient.setQueryData(ME_KEY, result);
      void navigate(safeReturnPath(state?.from), { replace: true });
    },
    onError: (err) => {
      applyFieldErrors(form, err);
    },
  });

  if (me.data && !login.isPending) return <Navigate to={safeReturnPath(state?.from)} replace />;

  const demoAccounts = site.data?.demo ? site.data.demoAccounts : [];

  return (
    <div className="ow-login">
      <div className="ow-login__card">
        <Card>
          <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <LanguageSwitch />
          </div>
          <h1 className="ow-login__title">{t('login.title')}</h1>
          <p className="ow-login__subtitle">{t('login.subtitle')}</p>
          {notice && <Alert type="warning" showIcon message={notice} style={{ marginBottom: 16 }} role="alert" />}
          {login.isError && (
            <Alert type="error" showIcon message={errorMessage(login.error)} style={{ marginBottom: 16 }} role="alert" />
          )}
          <Form<LoginBody>
            form={form}
            name="login"
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => login.mutate({ username: values.username.trim(), password: values.password })}
            disabled={login.isPending}
          >
            <Form.Item label={t('login.username')} name="username" rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus size="large" maxLength={64} />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password ref={passwordRef} prefix={<LockOutlined aria-hidden />} autoComplete="current-password" size="large" maxLength={128} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
          {demoAccounts.length > 0 && (
            <>
              <Divider plain>{t('login.demoTitle')}</Divider>
              <p className="ow-small ow-muted">{t('login.demoHint')}</p>
              <div className="ow-demo-accounts" role="group" aria-label={t('login.demoTitle')}>
                {demoAccounts.map((a) => (
                  <Button
                    key={a.username}
                    size="small"
                    onClick={() => {
                      form.setFieldsValue({ username: a.username });
                      passwordRef.current?.focus();
                    }}
                  >
                    {a.username} · {labels.role(a.role)}
                  </Button>
                ))}
              </div>
            </>
          )}
        </Card>
        <div className="ow-login__links">
          <Link to="/">{t('login.backToPortal')}</Link>
          <span>{tc('footer.line')}</span>
        </div>
      </div>
    </div>
  );
}
