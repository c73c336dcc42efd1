/**
 * 政务服务“好差评” vocabulary shared by server and web: the five levels, the evaluation dimensions, the
 * rectification (整改) states and the complaint states (国办发〔2019〕51号; GB/T 39735-2020 政务服务评价工作指南).
 */

/** Levels as stored: 5 = 非常满意 … 1 = 非常不满意. */
export const EVALUATION_LEVELS = [5, 4, 3, 2, 1] as const;
export type EvaluationLevel = (typeof EVALUATION_LEVELS)[number];

export const LEVEL_LABELS: Record<EvaluationLevel, { zh: string; en: string }> = {
  5: { zh: '非常满意', en: 'Very satisfied' },
  4: { zh: '满意', en: 'Satisfied' },
  3: { zh: '基本满意', en: 'Basically satisfied' },
  2: { zh: '不满意', en: 'Dissatisfied' },
  1: { zh: '非常不满意', en: 'Very dissatisfied' },
};

/** 差评: 不满意 and 非常不满意; each one opens a rectification. 好评率 counts the other three as 好评. */
export function isBadLevel(level: number): boolean {
  return level <= 2;
}

/** The dimensions an applicant may score (GB/T 39735 评价内容), each 1..5 like the level. */
export const EVALUATION_DIMENSIONS = ['efficiency', 'attitude', 'process', 'information'] as const;
export type EvaluationDimension = (typeof EVALUATION_DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<EvaluationDimension, { zh: string; en: string }> = {
  efficiency: { zh: '办事效率', en: 'Efficiency' },
  attitude: { zh: '服务态度', en: 'Staff attitude' },
  process: { zh: '办事流程', en: 'Procedure' },
  information: { zh: '办事指南清晰', en: 'Clear guidance' },
};

/** How the evaluation reached us (评价渠道). */
export const EVALUATION_CHANNELS = ['online', 'window', 'phone', 'kiosk'] as const;
export type EvaluationChannel = (typeof EVALUATION_CHANNELS)[number];

/** What was evaluated: a closed case (一事一评) or a visit to a window (一次一评). */
export const EVALUATION_SUBJECTS = ['case', 'window_visit'] as const;
export type EvaluationSubject = (typeof EVALUATION_SUBJECTS)[number];

/**
 * 差评整改: received → verifying (核实) → rectifying (整改) → rectified | unable_to_rectify; invalidated when a
 * supervisor accepts the unit's appeal (无效差评审核). Overdue is a flag the deadline job raises on open ones.
 */
export const RECTIFICATION_STATES = ['received', 'verifying', 'rectifying', 'rectified', 'unable_to_rectify', 'invalidated'] as const;
export type RectificationState = (typeof RECTIFICATION_STATES)[number];
export const OPEN_RECTIFICATION_STATES: readonly RectificationState[] = ['received', 'verifying', 'rectifying'];

/** Why a 差评 may be judged invalid (申诉理由). */
export const INVALID_REVIEW_CATEGORIES = ['malicious', 'not_our_duty', 'misoperation', 'other'] as const;
export type InvalidReviewCategory = (typeof INVALID_REVIEW_CATEGORIES)[number];

export const CALLBACK_METHODS = ['phone', 'sms', 'visit', 'online'] as const;
export type CallbackMethod = (typeof CALLBACK_METHODS)[number];

/** 投诉建议: submitted → assigned (交办) → replied (答复) → closed. */
export const COMPLAINT_KINDS = ['complaint', 'suggestion'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_STATES = ['submitted', 'assigned', 'replied', 'closed'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];
