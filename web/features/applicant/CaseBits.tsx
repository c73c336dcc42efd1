/** Small pieces shared by the applicant's case pages: the phase as a coloured tag, the deadline warning. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MyCasePhase, MyCaseSummary, MyCaseWarning } from '../../api/applicant.types';

const PHASE_COLOURS: Record<MyCasePhase, string> = {
  draft: 'default',
  submitted: 'processing',
  awaiting_materials: 'warning',
  refused: 'error',
  in_progress: 'processing',
  suspended: 'gold',
  closed: 'success',
  withdrawn: 'default',
};

export function PhaseTag({ phase }: { phase: MyCasePhase }) {
  const { t } = useTranslation('applicant');
  return (
    <Tag color={PHASE_COLOURS[phase]} className="ow-phase-tag">
      {t(`phase.${phase}`)}
    </Tag>
  );
}

/** 即将到期 (yellow) or 已超期 (red) while the clock runs; nothing otherwise. */
export function WarningTag({ warning }: { warning: MyCaseWarning }) {
  const { t } = useTranslation('applicant');
  if (warning === 'none') return null;
  return (
    <Tag color={warning === 'red' ? 'red' : 'gold'} className="ow-phase-tag">
      {t(`warning.${warning}`)}
    </Tag>
  );
}

/** The decision of a closed case: 准予许可 / 不予许可. */
export function DecisionTag({ decision }: { decision: MyCaseSummary['decision'] }) {
  const { t } = useTranslation('applicant');
  if (!decision) return null;
  return (
    <Tag color={decision === 'approved' ? 'green' : 'red'} className="ow-phase-tag">
      {t(`decision.${decision}`)}
    </Tag>
  );
}

/** Phases where the applicant has something to do on the application itself. */
export function needsApplicant(phase: MyCasePhase): boolean {
  return phase === 'draft' || phase === 'awaiting_materials';
}
