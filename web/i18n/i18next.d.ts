import type { commonZh } from './common';
import type { portalZh } from './portal';
import type { applicantZh } from './applicant';
import type { consoleZh } from './console';
import type { casesZh } from './cases';
import type { registrationZh } from './registration';
import type { certificatesZh } from './certificates';
import type { evaluationsZh } from './evaluations';
import type { hallZh } from './hall';
import type { hallStaffZh } from './hall-staff';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof commonZh;
      portal: typeof portalZh;
      applicant: typeof applicantZh;
      console: typeof consoleZh;
      cases: typeof casesZh;
      registration: typeof registrationZh;
      certificates: typeof certificatesZh;
      evaluations: typeof evaluationsZh;
      hall: typeof hallZh;
      hallStaff: typeof hallStaffZh;
    };
  }
}
