/**
 * Labels of the shared vocabularies (common/catalog.ts, common/roles.ts) in the current UI language. The
 * vocabularies carry both languages themselves; this only picks one.
 */
import { useTranslation } from 'react-i18next';
import {
  ITEM_TYPE_EN,
  LIFE_EVENTS,
  MATERIAL_FORM_LABELS,
  PROCESSING_CLASS_EN,
  type ItemType,
  type LifeEventCode,
  type MaterialForm,
  type ProcessingClass,
} from '../../common/catalog';
import { ROLE_LABELS, isRole } from '../../common/roles';
import type { Lang } from './language';

export interface Labels {
  lang: Lang;
  itemType: (type: ItemType) => string;
  processingClass: (value: ProcessingClass) => string;
  lifeEvent: (code: LifeEventCode) => string;
  materialForm: (form: MaterialForm) => string;
  role: (role: string) => string;
}

export function labelsFor(lang: Lang): Labels {
  return {
    lang,
    itemType: (type) => (lang === 'en' ? ITEM_TYPE_EN[type] : type),
    processingClass: (value) => (lang === 'en' ? PROCESSING_CLASS_EN[value] : value),
    lifeEvent: (code) => LIFE_EVENTS.find((e) => e.code === code)?.[lang] ?? code,
    materialForm: (form) => MATERIAL_FORM_LABELS[form][lang],
    role: (role) => (isRole(role) ? ROLE_LABELS[role][lang] : role),
  };
}

export function useLabels(): Labels {
  const { i18n } = useTranslation();
  return labelsFor(i18n.language === 'en' ? 'en' : 'zh');
}
