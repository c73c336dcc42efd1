/**
 * i18next set up with Chinese (default) and English. The portal's strings load with the first page; the staff
 * console adds its own bundle when its code loads (see surfaces/console/console-i18n.ts).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { commonEn, commonZh } from './common';
import { portalEn, portalZh } from './portal';
import { applicantEn, applicantZh } from './applicant';
import { persistLanguage, readStoredLanguage, type Lang } from './language';

export const i18n = i18next.createInstance();

function applyDayjsLocale(lang: Lang): void {
  dayjs.locale(lang === 'zh' ? 'zh-cn' : 'en');
}

/** Initialises i18next synchronously with the stored language. */
export function initI18n(): typeof i18n {
  const lang = readStoredLanguage();
  persistLanguage(lang);
  applyDayjsLocale(lang);
  void i18n.use(initReactI18next).init({
    lng: lang,
    fallbackLng: 'zh',
    supportedLngs: ['zh', 'en'],
    ns: ['common', 'portal', 'applicant'],
    defaultNS: 'common',
    resources: {
      zh: { common: commonZh, portal: portalZh, applicant: applicantZh },
      en: { common: commonEn, portal: portalEn, applicant: applicantEn },
    },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return i18n;
}

/** Switches the UI language everywhere: texts, antd and dayjs locales, the cookie the server reads. */
export async function setLanguage(lang: Lang): Promise<void> {
  persistLanguage(lang);
  applyDayjsLocale(lang);
  await i18n.changeLanguage(lang);
}

export function uiLanguage(): Lang {
  return i18n.language === 'en' ? 'en' : 'zh';
}
