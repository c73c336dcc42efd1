/**
 * The shell shared by every surface: data fetching, antd theme and locale, routes. The staff console is
 * loaded on demand (React.lazy), so the public pages never download it (nor antd's App, modal and message,
 * which only the console uses).
 */
import { lazy, Suspense, useMemo } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider, theme as antTheme } from 'antd';
// The ES builds of the locales: `antd/locale/*` re-export the CommonJS build, whose Pagination and picker
// texts do not reach the ES components ("20 / page" instead of "20 条/页").
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api/client';
import { PageLoading } from './components/States';
import { PortalApp } from './surfaces/portal/PortalApp';

const ConsoleApp = lazy(() => import('./surfaces/console/ConsoleApp'));
// The hall's call screen and its self-service kiosk: full-screen surfaces of their own, loaded only there.
const ScreenPage = lazy(() => import('./features/hall/ScreenPage'));
const KioskPage = lazy(() => import('./features/hall/KioskPage'));

function shouldRetry(failureCount: number, error: unknown): boolean {
  // Client errors (4xx) will not go away by asking again.
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const PRIMARY_COLOR = '#1b56a8';

export function App() {
  const { i18n } = useTranslation();
  const queryClient = useMemo(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: { retry: shouldRetry, staleTime: 60_000, refetchOnWindowFocus: false },
          mutations: { retry: false },
        },
      }),
    [],
  );
  const locale = i18n.language === 'en' ? enUS : zhCN;

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={locale}
        // Keep button names as written ("登录", not "登 录"), so that they read and match as labelled.
        button={{ autoInsertSpace: false }}
        theme={{
          algorithm: antTheme.defaultAlgorithm,
          token: {
            colorPrimary: PRIMARY_COLOR,
            borderRadius: 6,
            // antd's 45 % black greys reach 3.4:1 on white; these reach 4.5:1 (WCAG 2.1 AA, GB/T 37668).
            colorTextTertiary: '#5f6670',
            colorTextDescription: '#5f6670',
            colorTextPlaceholder: '#767676',
            // The error red of form messages: antd's #ff4d4f is 3.2:1 on white.
            colorError: '#cf1322',
            fontFamily:
              '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif',
          },
        }}
      >
        <BrowserRouter>
          <Routes>
            <Route
              path="/staff/*"
              element={
                <Suspense fallback={<PageLoading />}>
                  <ConsoleApp />
                </Suspense>
              }
            />
            <Route
              path="/screen"
              element={
                <Suspense fallback={<PageLoading />}>
                  <ScreenPage />
                </Suspense>
              }
            />
            <Route
              path="/kiosk"
              element={
                <Suspense fallback={<PageLoading />}>
                  <KioskPage />
                </Suspense>
              }
            />
            <Route path="/*" element={<PortalApp />} />
          </Routes>
        </BrowserRouter>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
