/**
 * 修改密码. Also shown, alone, when the account must change its password (first sign-in or after a reset)
 * before anything else.
 */
import { useEffect } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, errorMessage } from '../../api/client';
import type { ChangePasswordBody } from '../../api/types';
import { applyFieldErrors } from '../../components/form-errors';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { PageHeader } from '../../components/PageHeader';
import { ME_KEY, useSession } from '../../surfaces/console/session';

interface PasswordForm extends ChangePasswordBody {
  confirmPassword: string;
}

function ChangePasswordForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation('console');
  const [form] = Form.useForm<PasswordForm>();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const change = useMutation({
    mutationFn: (body: ChangePasswordBody) => api.post<{ ok: true }>('/api/auth/password', body),
    onSuccess: async () => {
      form.resetFields();
      void message.success(t('password.done'));
      await queryClient.invalidateQueries({ queryKey: ME_KEY });
      onDone?.();
    },
    onError: (err) => applyFieldErrors(form, err),
  });
  return (
    <Form<PasswordForm>
      form={form}
      name="change-password"
      layout="vertical"
      style={{ maxWidth: 420 }}
      onFinish={(v) => change.mutate({ currentPassword: v.currentPassword, newPassword: v.newPassword })}
      disabled={change.isPending}
    >
      {change.isError && change.error instanceof Error && (
        <Alert type="error" showIcon message={errorMessage(change.error)} style={{ marginBottom: 16 }} />
      )}
      <Form.Item label={t('password.current')} name="currentPassword" rules={[{ required: true, message: t('form.required') }]}>
        <Input.Password autoComplete="current-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        label={t('password.new')}
        name="newPassword"
        extra={t('password.rule')}
        rules={[
          { required: true, message: t('form.required') },
          { min: 8, message: t('password.rule') },
          { pattern: /(?=.*[A-Za-z])(?=.*\d)/, message: t('password.rule') },
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item
        label={t('password.confirm')}
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('form.required') },
          ({ getFieldValue }) => ({
            validator: (_, value: string) =>
              !value || getFieldValue('newPassword') === value ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}

export function ChangePasswordPage() {
  const { t } = useTranslation('console');
  return (
    <>
      <PageHeader title={t('password.title')} />
      <Card>
        <ChangePasswordForm />
      </Card>
    </>
  );
}

/** The only screen an account with mustChangePassword gets until it has changed its password. */
export function ForcedPasswordChange() {
  const { t } = useTranslation('console');
  const { me } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  useEffect(() => {
    document.title = `${t('password.title')} · ${t('title')}`;
  }, [t]);
  const logout = useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    onSuccess: () => {
      queryClient.setQueryData(ME_KEY, null);
      void navigate('/staff/login', { replace: true });
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  return (
    <div className="ow-login">
      <div className="ow-login__card">
        <Card>
          <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
            <LanguageSwitch />
          </div>
          <h1 className="ow-login__title">{t('password.forcedTitle')}</h1>
          <Alert type="info" showIcon message={t('password.forcedHint', { name: me.account.displayName })} style={{ margin: '12px 0 16px' }} />
          <ChangePasswordForm />
          <Button type="link" onClick={() => logout.mutate()} loading={logout.isPending} style={{ paddingLeft: 0, marginTop: 8 }}>
            {t('layout.logout')}
          </Button>
        </Card>
      </div>
    </div>
  );
}
