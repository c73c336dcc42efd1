/** 中文 / English. The choice persists (localStorage and the ow_lang cookie the server reads). */
import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';
import type { Lang } from '../i18n/language';
import { ToggleButtons } from './ToggleButtons';

export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { t, i18n } = useTranslation();
  const value: Lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <ToggleButtons<Lang>
      size={size}
      className="ow-lang-switch"
      label={t('nav.language')}
      value={value}
      options={[
        { label: '中文', value: 'zh' },
        { label: 'English', value: 'en' },
      ]}
      onChange={(lang) => void setLanguage(lang)}
    />
  );
}
