/**
 * A modal with one form: submits through `onSubmit`, shows the server's field errors next to the fields and
 * any other error above them, and closes on success.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Form, Modal } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiFieldError } from '../api/client';
import { FormErrorAlert } from './FormErrorAlert';
import { applyFieldErrors } from './form-errors';

export interface FormModalProps<T> {
  open: boolean;
  title: ReactNode;
  /** Values the form starts with each time it opens. */
  initialValues: Partial<T>;
  onSubmit: (values: T) => Promise<unknown>;
  onClose: () => void;
  onSaved?: () => void;
  /** Called with any failure (e.g. to reload a record after a 409). */
  onError?: (error: unknown) => void;
  okText?: string;
  width?: number;
  /** Server field names that the form calls differently. */
  rename?: Record<string, string>;
  children: ReactNode | ((form: FormInstance<T>) => ReactNode);
  /** Extra content above the form (an explanation, a warning). */
  intro?: ReactNode;
  name: string;
}

export function FormModal<T extends object>({
  open,
  title,
  initialValues,
  onSubmit,
  onClose,
  onSaved,
  onError,
  okText,
  width = 560,
  rename,
  children,
  intro,
  name,
}: FormModalProps<T>) {
  const { t } = useTranslation('console');
  const [form] = Form.useForm<T>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [unmatched, setUnmatched] = useState<ApiFieldError[]>([]);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initialValues as Parameters<typeof form.setFieldsValue>[0]);
      setError(null);
      setUnmatched([]);
    }
    // initialValues is read when the modal opens, not on every render.
  }, [open]);

  const submit = async (values: T) => {
    setSaving(true);
    setError(null);
    setUnmatched([]);
    try {
      await onSubmit(values);
      onSaved?.();
      onClose();
    } catch (err) {
      const rest = applyFieldErrors(form, err, rename);
      setUnmatched(rest);
      setError(err);
      onError?.(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      width={width}
      forceRender
    >
      {intro}
      <FormErrorAlert error={error} unmatched={unmatched} />
      <Form<T> form={form} name={name} layout="vertical" onFinish={(v) => void submit(v)} disabled={saving}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
