/** Adds the 好差评 strings to i18next when an evaluation page's code loads (not with the portal's first page). */
import { i18n } from '../../i18n';
import { evaluationsEn, evaluationsZh } from '../../i18n/evaluations';

if (!i18n.hasResourceBundle('zh', 'evaluations')) {
  i18n.addResourceBundle('zh', 'evaluations', evaluationsZh, true, true);
  i18n.addResourceBundle('en', 'evaluations', evaluationsEn, true, true);
}
