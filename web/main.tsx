import { StrictMode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { unstableSetRender } from 'antd';
import { initI18n } from './i18n';
import { initElderMode } from './components/ElderMode';
import { App } from './App';
import './styles.css';
import './accessibility.css';

// antd 5 renders its wave effect and static popups through this hook on React 19.
const roots = new WeakMap<Element | DocumentFragment, Root>();
unstableSetRender((node, container) => {
  const root = roots.get(container) ?? createRoot(container);
  roots.set(container, root);
  root.render(node);
  return async () => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    root.unmount();
    roots.delete(container);
  };
});

initI18n();
// 长者模式 before the first render, so that the first paint is already in it.
initElderMode();

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
