import type { commonZh } from './common';
import type { portalZh } from './portal';
import type { consoleZh } from './console';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof commonZh;
      portal: typeof portalZh;
      console: typeof consoleZh;
    };
  }
}
