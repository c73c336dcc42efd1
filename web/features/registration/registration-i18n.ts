/** Adds the registration strings to i18next when this code loads (window intake, online form, 市场主体 page). */
import { i18n } from '../../i18n';
import { registrationEn, registrationZh } from '../../i18n/registration';

i18n.addResourceBundle('zh', 'registration', registrationZh, true, true);
i18n.addResourceBundle('en', 'registration', registrationEn, true, true);
