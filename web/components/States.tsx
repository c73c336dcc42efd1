/** Loading, error and empty states used on every page. */
import type { ReactNode } from 'react';
import { Alert, Button, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../api/client';

export function PageLoading({ label }: { label?: string }) {
  const { t } = useTranslation();
  const text = label ?? t('state.loading');
  return (
    <div className="ow-page-loading" role="status" aria-live="polite" aria-label={text}>
      <Spin size="large" />
      <span className="ow-page-loading__text">{text}</span>
    </div>
  );
}

/** A failed load: what went wrong (the server's message) and a retry button. */
export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const { t } = useTranslation();
  const isNotFound = error instanceof ApiError && error.status === 404;
  return (
    <Alert
      className="ow-error-state"
      type={isNotFound ? 'info' : 'error'}
      showIcon
      message={title ?? (isNotFound ? t('state.notFound') : t('state.error'))}
      description={errorMessage(error)}
      action={
        onRetry && !isNotFound ? (
          <Button size="small" onClick={onRetry}>
            {t('state.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyState({ description, children }: { description?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description ?? t('state.empty')}>
      {children}
    </Empty>
  );
}
