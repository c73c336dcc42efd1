/**
 * The error of a form's last submit, above the form: the message, and the server's field errors that matched no
 * field of the form (those that did are shown next to their fields).
 */
import { Alert } from 'antd';
import { errorMessage, type ApiFieldError } from '../api/client';

export function FormErrorAlert({ error, unmatched, showPath = true }: { error: unknown; unmatched: ApiFieldError[]; showPath?: boolean }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 12 }}
      message={errorMessage(error)}
      description={
        unmatched.length > 0 ? (
          <ul className="ow-plain-list">
            {unmatched.map((f, i) => (
              <li key={i}>{showPath ? `${f.path}：${f.message}` : f.message}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}
