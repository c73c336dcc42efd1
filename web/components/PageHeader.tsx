/** Title row of a console page; also sets the document title. */
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function PageHeader({ title, extra, children }: { title: string; extra?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation('console');
  useEffect(() => {
    document.title = `${title} · ${t('title')}`;
  }, [title, t]);
  return (
    <div className="ow-console-page-title">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      {extra && <div className="ow-toolbar" style={{ marginBottom: 0 }}>{extra}</div>}
    </div>
  );
}
