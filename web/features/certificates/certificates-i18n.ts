/** Adds the e-certificate strings to i18next when a certificate page's code loads (not with the portal's first page). */
import { i18n } from '../../i18n';
import { certificatesEn, certificatesZh } from '../../i18n/certificates';

if (!i18n.hasResourceBundle('zh', 'certificates')) {
  i18n.addResourceBundle('zh', 'certificates', certificatesZh, true, true);
  i18n.addResourceBundle('en', 'certificates', certificatesEn, true, true);
}
