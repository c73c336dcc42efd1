/** Small pieces shown wherever cases are: phase and warning tags, a coloured due date, the print buttons. */
import { Button, Space, Tag, Tooltip } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CasePhase, CaseWarning } from '../../api/cases.types';
import { DUE_COLORS, documentUrl, dueTone, PHASE_COLORS, WARNING_COLORS, type DocumentKind } from './cases.format';

export function PhaseTag({ phase }: { phase: CasePhase }) {
  const { t } = useTranslation('cases');
  return <Tag color={PHASE_COLORS[phase]}>{t(`phase.${phase}`)}</Tag>;
}

export function WarningTag({ warning }: { warning: CaseWarning }) {
  const { t } = useTranslation('cases');
  if (warning === 'none') return <span className="ow-muted">{t('warning.none')}</span>;
  return <Tag color={WARNING_COLORS[warning]}>{t(`warning.${warning}`)}</Tag>;
}

/** A due date, red when past and orange within two working days, with the reason in words for screen readers. */
export function DueDate({ date, soonLine }: { date: string | null; soonLine: string | null | undefined }) {
  const { t } = useTranslation('cases');
  if (!date) return <span className="ow-muted">—</span>;
  const tone = dueTone(date, soonLine);
  return (
    <span className={`ow-due ow-due--${tone}`} style={{ color: DUE_COLORS[tone] }}>
      {date}
      {tone === 'overdue' && <span className="ow-due__tag">{t('common.overdue')}</span>}
      {tone === 'soon' && <span className="ow-due__tag">{t('common.dueSoon')}</span>}
    </span>
  );
}

/** One-click print buttons: each opens the PDF in a new tab. */
export function DocumentButtons({ caseId, kinds, size = 'middle' }: { caseId: string; kinds: DocumentKind[]; size?: 'small' | 'middle' | 'large' }) {
  const { t } = useTranslation('cases');
  if (kinds.length === 0) return <span className="ow-muted">{t('documents.none')}</span>;
  return (
    <Space wrap>
      {kinds.map((kind) => (
        <Tooltip key={kind} title={t('documents.hint')}>
          <Button
            size={size}
            icon={<PrinterOutlined />}
            href={documentUrl(caseId, kind)}
            target="_blank"
            rel="noopener"
            aria-label={t('documents.print', { name: t(`documents.${kind}`) })}
          >
            {t(`documents.${kind}`)}
          </Button>
        </Tooltip>
      ))}
    </Space>
  );
}
