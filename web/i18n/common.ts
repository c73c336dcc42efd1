/** Strings shared by every surface: the site, navigation, states, limits and tags. */
import type { Messages } from './messages';

export const commonZh = {
  app: {
    name: '威县政务服务网',
    brand: '一窗通',
    homeLink: '威县政务服务网首页',
  },
  nav: {
    main: '主导航',
    home: '首页',
    items: '办事指南',
    org: '机构与窗口',
    verify: '证照核验',
    progress: '进度查询',
    myCertificates: '我的证照',
    appointments: '预约取号',
    myAppointments: '我的预约',
    staffLogin: '工作人员登录',
    language: '界面语言',
    skip: '跳到主要内容',
  },
  elder: {
    toggle: '长者模式',
    hint: '大字号、高对比度、大按钮，页面更简洁',
  },
  footer: {
    line: '威县行政审批局 · 威县市民服务中心',
    note: '一窗受理 · 内部流转 · 限时办结 · 统一发证',
  },
  state: {
    loading: '正在加载…',
    error: '加载失败',
    retry: '重试',
    empty: '暂无数据',
    notFound: '页面不存在',
    notFoundHint: '您访问的页面不存在或已被移除。',
    backHome: '返回首页',
  },
  audience: {
    person: '个人',
    enterprise: '企业',
    both: '个人和企业',
  },
  limit: {
    instant: '即办',
    none: '—',
    promised_one: '承诺 {{count}} 个工作日',
    promised_other: '承诺 {{count}} 个工作日',
    maxVisits_one: '最多跑 {{count}} 次',
    maxVisits_other: '最多跑 {{count}} 次',
    zeroVisits: '零跑腿（全程网办）',
    noteSeparator: '；',
    unit: {
      workday_one: '{{count}} 个工作日',
      workday_other: '{{count}} 个工作日',
      day_one: '{{count}} 日',
      day_other: '{{count}} 日',
      month_one: '{{count}} 个月',
      month_other: '{{count}} 个月',
    },
  },
  tag: {
    online: '可网办',
    free: '免费',
  },
  item: {
    transferredTo: '划转至',
  },
  yes: '是',
  no: '否',
};

export const commonEn: Messages<typeof commonZh> = {
  app: {
    name: 'Wei County Government Services',
    brand: 'OneWindow',
    homeLink: 'Wei County Government Services home',
  },
  nav: {
    main: 'Main navigation',
    home: 'Home',
    items: 'Service guide',
    org: 'Offices and windows',
    verify: 'Verify a certificate',
    progress: 'Track a case',
    myCertificates: 'My certificates',
    appointments: 'Book or queue',
    myAppointments: 'My appointments',
    staffLogin: 'Staff sign-in',
    language: 'Language',
    skip: 'Skip to main content',
  },
  elder: {
    toggle: 'Elder mode',
    hint: 'Larger text, higher contrast, bigger buttons and plainer pages',
  },
  footer: {
    line: 'Wei County Administrative Approval Bureau · Wei County Citizen Service Center',
    note: 'One window accepts · cases move inside · decided on time · certificates issued in one place',
  },
  state: {
    loading: 'Loading…',
    error: 'Could not load',
    retry: 'Try again',
    empty: 'Nothing here yet',
    notFound: 'Page not found',
    notFoundHint: 'The page you asked for does not exist or has been removed.',
    backHome: 'Back to home',
  },
  audience: {
    person: 'Individuals',
    enterprise: 'Enterprises',
    both: 'Individuals and enterprises',
  },
  limit: {
    instant: 'On the spot',
    none: '—',
    promised_one: 'Promised: {{count}} working day',
    promised_other: 'Promised: {{count}} working days',
    maxVisits_one: 'At most {{count}} visit',
    maxVisits_other: 'At most {{count}} visits',
    zeroVisits: 'No visit needed (fully online)',
    noteSeparator: '; ',
    unit: {
      workday_one: '{{count}} working day',
      workday_other: '{{count}} working days',
      day_one: '{{count}} day',
      day_other: '{{count}} days',
      month_one: '{{count}} month',
      month_other: '{{count}} months',
    },
  },
  tag: {
    online: 'Online',
    free: 'Free',
  },
  item: {
    transferredTo: 'transferred to',
  },
  yes: 'Yes',
  no: 'No',
};
