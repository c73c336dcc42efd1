/**
 * The 好差评 form, laid out for a phone: five big buttons (非常满意 … 非常不满意), optional stars per dimension,
 * and a comment that becomes required for 不满意 and 非常不满意 (those open a rectification on the server).
 */
import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Rate } from 'antd';
import { useTranslation } from 'react-i18next';
import { EVALUATION_DIMENSIONS, EVALUATION_LEVELS, isBadLevel, type EvaluationDimension } from '../../../common/evaluations';
import { applyFieldErrors } from '../../components/form-errors';
import { ApiError, errorMessage } from '../../api/client';
import './evaluations-i18n';
import './evaluations.css';

const FACES: Record<number, string> = { 5: '😄', 4: '🙂', 3: '😐', 2: '🙁', 1: '😞' };

export interface RatingValues {
  level: number;
  dimensions: Partial<Record<EvaluationDimension, number>>;
  comment: string;
  contactPhone?: string;
}

export function RatingForm({ onSubmit, pending, askPhone = false, heading }: { onSubmit: (v: RatingValues) => Promise<unknown>; pending: boolean; askPhone?: boolean; heading: ReactNode }) {
  const { t } = useTranslation('evaluations');
  const [form] = Form.useForm<{ comment: string; contactPhone?: string }>();
  const [level, setLevel] = useState<number | null>(null);
  const [dimensions, setDimensions] = useState<Partial<Record<EvaluationDimension, number>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const isBad = level !== null && isBadLevel(level);

  const submit = async (values: { comment?: string; contactPhone?: string }) => {
    if (level === null) return;
    setFailure(null);
    try {
      await onSubmit({ level, dimensions, comment: values.comment ?? '', ...(values.contactPhone ? { contactPhone: values.contactPhone } : {}) });
    } catch (err) {
      const rest = applyFieldErrors(form, err);
      if (!(err instanceof ApiError) || err.fields.length === 0) setFailure(errorMessage(err));
      else if (rest.length) setFailure(rest.map((f) => f.message).join(' '));
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} className="ow-rate">
      {heading}
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend className="ow-small">{t('rate.levelLegend')}</legend>
        <div className="ow-rate-levels" role="radiogroup" aria-label={t('rate.levelLegend')}>
          {EVALUATION_LEVELS.map((l) => (
            <button
              key={l}
              type="button"
              role="radio"
              aria-checked={level === l}
              className={`ow-rate-level${isBadLevel(l) ? ' ow-rate-level--bad' : ''}`}
              onClick={() => setLevel(l)}
              data-level={l}
            >
              <span className="ow-rate-level__face" aria-hidden>
                {FACES[l]}
              </span>
              {t(`level.${l}`)}
            </button>
          ))}
        </div>
      </fieldset>
      {level !== null && (
        <>
          <p className="ow-small ow-muted">{t('rate.dimensions')}</p>
          <div className="ow-rate-dims">
            {EVALUATION_DIMENSIONS.map((d) => (
              <div key={d} className="ow-rate-dim">
                <span id={`dim-${d}`}>{t(`dimension.${d}`)}</span>
                <Rate aria-labelledby={`dim-${d}`} value={dimensions[d] ?? 0} onChange={(v) => setDimensions((prev) => ({ ...prev, [d]: v || undefined }))} />
              </div>
            ))}
          </div>
          <Form.Item
            name="comment"
            label={t('rate.comment')}
            extra={isBad ? t('rate.commentBad') : undefined}
            rules={isBad ? [{ required: true, whitespace: true, message: t('rate.commentBad') }] : []}
          >
            <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('rate.commentPlaceholder')} />
          </Form.Item>
          {askPhone && (
            <Form.Item name="contactPhone" label={t('rate.contactPhone')} rules={isBad ? [{ required: true, pattern: /^1[3-9]\d{9}$/, message: t('rate.contactPhone') }] : []}>
              <Input inputMode="tel" maxLength={11} autoComplete="tel" />
            </Form.Item>
          )}
          {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
          <Button type="primary" htmlType="submit" className="ow-rate-submit" loading={pending}>
            {t('rate.submit')}
          </Button>
        </>
      )}
    </Form>
  );
}
