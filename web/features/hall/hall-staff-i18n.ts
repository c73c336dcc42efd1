/** Adds the strings of the console's hall pages to i18next when their code loads (not with the console's first page). */
import { i18n } from '../../i18n';
import { hallStaffEn, hallStaffZh } from '../../i18n/hall-staff';

if (!i18n.hasResourceBundle('zh', 'hallStaff')) {
  i18n.addResourceBundle('zh', 'hallStaff', hallStaffZh, true, true);
  i18n.addResourceBundle('en', 'hallStaff', hallStaffEn, true, true);
}
