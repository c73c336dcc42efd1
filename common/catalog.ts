/**
 * Vocabulary of the item catalogue (事项目录), shared by server and web.
 */

/** 权力类型 — the national classification of government service items. */
export const ITEM_TYPES = [
  '行政许可',
  '行政确认',
  '行政给付',
  '行政裁决',
  '行政奖励',
  '其他行政权力',
  '公共服务',
  '便民服务',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

export const ITEM_TYPE_EN: Record<ItemType, string> = {
  行政许可: 'Administrative licensing',
  行政确认: 'Administrative confirmation',
  行政给付: 'Administrative payment',
  行政裁决: 'Administrative ruling',
  行政奖励: 'Administrative award',
  其他行政权力: 'Other administrative power',
  公共服务: 'Public service',
  便民服务: 'Convenience service',
};

/** 办件类型: decided on the spot, promised within a limit, or handled jointly by several sections. */
export const PROCESSING_CLASSES = ['即办件', '承诺件', '联办件'] as const;
export type ProcessingClass = (typeof PROCESSING_CLASSES)[number];

export const PROCESSING_CLASS_EN: Record<ProcessingClass, string> = {
  即办件: 'On-the-spot',
  承诺件: 'Promised',
  联办件: 'Joint',
};

/** Who holds the item: the approval bureau, or a unit stationed in the citizen service centre. */
export const ITEM_SCOPES = ['bureau', 'center'] as const;
export type ItemScope = (typeof ITEM_SCOPES)[number];

/** How the law states a time limit. 行政许可法 Art. 82 counts its own limits in working days. */
export const LIMIT_UNITS = ['workday', 'day', 'month'] as const;
export type LimitUnit = (typeof LIMIT_UNITS)[number];

/** Form in which a material is submitted. */
export const MATERIAL_FORMS = ['original', 'copy', 'original_and_copy', 'electronic'] as const;
export type MaterialForm = (typeof MATERIAL_FORMS)[number];
export const MATERIAL_FORM_LABELS: Record<MaterialForm, { zh: string; en: string }> = {
  original: { zh: '原件', en: 'Original' },
  copy: { zh: '复印件', en: 'Copy' },
  original_and_copy: { zh: '原件和复印件', en: 'Original and copy' },
  electronic: { zh: '电子材料', en: 'Electronic' },
};

/** Who the item serves. */
export const AUDIENCES = ['person', 'enterprise', 'both'] as const;
export type Audience = (typeof AUDIENCES)[number];

/** Life events (主题) the public guide groups items by. */
export const LIFE_EVENTS = [
  { code: 'birth', zh: '生育收养', en: 'Birth and adoption' },
  { code: 'education', zh: '教育培训', en: 'Education' },
  { code: 'employment', zh: '就业创业', en: 'Jobs and start-ups' },
  { code: 'marriage', zh: '婚姻登记', en: 'Marriage' },
  { code: 'housing', zh: '住房保障', en: 'Housing' },
  { code: 'social_security', zh: '社会保障', en: 'Social security' },
  { code: 'medical', zh: '医疗卫生', en: 'Health' },
  { code: 'travel', zh: '出行交通', en: 'Transport and travel' },
  { code: 'utilities', zh: '水电气暖', en: 'Utilities' },
  { code: 'retirement', zh: '退休养老', en: 'Retirement' },
  { code: 'disability', zh: '残疾人服务', en: 'Disability' },
  { code: 'civil', zh: '民政事务', en: 'Civil affairs' },
  { code: 'culture', zh: '文化旅游', en: 'Culture and tourism' },
  { code: 'business_start', zh: '开办企业', en: 'Starting a business' },
  { code: 'business_operation', zh: '经营许可', en: 'Operating licences' },
  { code: 'construction', zh: '投资建设', en: 'Investment and construction' },
  { code: 'agriculture', zh: '农业农村', en: 'Agriculture' },
  { code: 'transport_business', zh: '交通运输经营', en: 'Transport business' },
  { code: 'tax', zh: '纳税缴费', en: 'Taxes and fees' },
  { code: 'finance', zh: '金融保险', en: 'Banking and insurance' },
  { code: 'property', zh: '不动产登记', en: 'Real estate' },
  { code: 'legal', zh: '公证法律', en: 'Notary and legal' },
] as const;
export type LifeEventCode = (typeof LIFE_EVENTS)[number]['code'];
export const LIFE_EVENT_CODES = LIFE_EVENTS.map((e) => e.code) as [LifeEventCode, ...LifeEventCode[]];
