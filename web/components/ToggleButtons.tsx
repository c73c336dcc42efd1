/**
 * A small group of toggle buttons (aria-pressed), for choices like 中文/English or 个人/企业. Unlike antd's
 * Segmented and Radio.Button (zero-size inputs), every choice is a real button: reachable by Tab, pressed by
 * Enter or Space, and named by its text for assistive technology and tests.
 */
import { Button, Space } from 'antd';

export interface ToggleOption<T extends string> {
  value: T;
  label: string;
}

export function ToggleButtons<T extends string>({
  value,
  options,
  onChange,
  label,
  size = 'small',
  className,
}: {
  value: T;
  options: ToggleOption<T>[];
  onChange: (value: T) => void;
  label: string;
  size?: 'small' | 'middle';
  className?: string;
}) {
  return (
    <Space.Compact role="group" aria-label={label} className={className}>
      {options.map((o) => (
        <Button
          key={o.value}
          size={size}
          type={o.value === value ? 'primary' : 'default'}
          aria-pressed={o.value === value}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </Button>
      ))}
    </Space.Compact>
  );
}
