/** Adds the hall strings to i18next when a hall page's code loads (not with the portal's first page). */
import { i18n } from '../../i18n';
import { hallEn, hallZh } from '../../i18n/hall';

if (!i18n.hasResourceBundle('zh', 'hall')) {
  i18n.addResourceBundle('zh', 'hall', hallZh, true, true);
  i18n.addResourceBundle('en', 'hall', hallEn, true, true);
}
