/** Adds the console's strings to i18next when the console's code loads (they are not in the portal's bundle). */
import { i18n } from '../../i18n';
import { consoleEn, consoleZh } from '../../i18n/console';
import { casesEn, casesZh } from '../../i18n/cases';

i18n.addResourceBundle('zh', 'console', consoleZh, true, true);
i18n.addResourceBundle('en', 'console', consoleEn, true, true);
i18n.addResourceBundle('zh', 'cases', casesZh, true, true);
i18n.addResourceBundle('en', 'cases', casesEn, true, true);
